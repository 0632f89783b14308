"""sendsupport: SEN support records and duties for English schools, trusts and local authorities."""
