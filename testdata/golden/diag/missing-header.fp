label s "S"
/x/ -> s
