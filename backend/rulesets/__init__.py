"""Rule sets as data: uploaded rule-set files, approved by a second admin, applied from their
date in every process without a deploy (issue 12, item 6)."""
