// Marks the page as having JavaScript, then starts GOV.UK Frontend's components.
// Pages work fully without it; this only adds the small enhancements GOV.UK Frontend offers.
import { initAll } from "../govuk-frontend/dist/govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
