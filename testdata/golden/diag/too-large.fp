rulebase "t" version "1"
view raw
label x "X"
# The stall of #13: ten of these stalled classifying one 100 KB reply.
greeting ~ /[a-z]{1000}N/ -> x
# The caret is on the largest repetition.
/(abc){3}(abc){400}/ -> x
