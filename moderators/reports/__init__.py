"""Statistics, charts and exports for funders and accounting, read from approved reports."""
