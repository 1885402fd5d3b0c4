"""Money at the bank: CODA statements in, unmatched payments, SEPA payment files out."""
