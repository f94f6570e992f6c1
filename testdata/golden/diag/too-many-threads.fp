rulebase "t" version "1"
view raw
label x "X"
# Under the size limit one by one, over the thread limit together: ten
# stalled classifying one 100 KB reply in the NFA fallback.
greeting ~ /[a-z]{990}A/ -> x
greeting ~ /[a-z]{990}B/ -> x
greeting ~ /[a-z]{990}C/ -> x
greeting ~ /[a-z]{990}D/ -> x
greeting ~ /[a-z]{990}E/ -> x
greeting ~ /[a-z]{990}F/ -> x
greeting ~ /[a-z]{990}G/ -> x
greeting ~ /[a-z]{990}H/ -> x
greeting ~ /[a-z]{990}I/ -> x
greeting ~ /[a-z]{990}J/ -> x
