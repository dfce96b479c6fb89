ALTER INDEX account_code_idx SET (fillfactor = 50);
