-- same: parentheses
CREATE INDEX i05 ON t (e) WHERE a > 0;
