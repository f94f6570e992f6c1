rulebase "t" version "1"
view raw
label y "Y"
label n "N"
greeting ~ /exim/i -> y
greeting ~ /exim/g -> y
greeting ~ /exim/ii -> y
greeting ~ /[Z-a]/i -> y
default -> n
