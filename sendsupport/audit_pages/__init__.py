"""The audit log's pages: above pupils (they find the pupil), while the recorder in ``audit`` sits low."""
