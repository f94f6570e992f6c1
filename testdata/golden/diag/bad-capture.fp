rulebase "t" version "1"
view djb
label s "S"
/Sendmail ([0-9.]+)/ -> s version $2
!/x(y)/ -> s version $1
/Sendmail ([0-9.]+)/ -> s version $1
