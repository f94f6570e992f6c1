rulebase "lint" version "1"
view raw

label a "A"
label b "B"

/ ESMTP Exim / -> a
/ ESMTP Exim / -> b
/220 x{2}/ -> a
/220 xx/ -> b
/[.]Post[.]Office/ -> a
/\.Post\.Office/ -> b
# Not reported: conjunctions share a test by writing it again.
/Mail-Max/ && /Version/ -> a
/Mail-Max/ && /v5/ -> b
