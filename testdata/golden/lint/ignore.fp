rulebase "lint" version "1"
view raw

label sendmail "Sendmail"
# fp:ignore unused_label
label spare "Spare"
label other "Other" # fp:ignore unused_label

/ ESMTP Sendmail / -> sendmail
/ ESMTP Sendmail 8/ -> sendmail # fp:ignore dead_rule: kept for the history
# Older servers said it differently.
# fp:ignore dead_rule, duplicate_pattern
/ ESMTP Sendmail / -> sendmail
# fp:ignore slow_pattern (the wrong code: still reported)
/ ESMTP Sendmail 9/ -> sendmail
