rulebase "t" version "1"
view djb
label s "S"
/Sendmail ([0-9.]+)/ -> s version $1
advisory "A-1" s >= "8.7" && < "8.7.6"
advisory "A-2" s < "8.7.6" && >= "8.7"
advisory "A-3" s >= "8.7" && > "8.8"
advisory "A-4" s >= "8.7" && < ""
advisory "A-5" nosuch >= "8.7" && < "8.7.6"
