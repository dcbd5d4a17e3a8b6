"""`zhen serve`: the HTTP executor beside the local driver and Ray, over the same pure core."""
