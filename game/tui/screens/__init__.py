"""One screen per module; each gets its data at construction and posts intents upward."""
