rulebase "lint" version "1"
view raw

label odd "Odd"

# An "a" eleven bytes from a later position: the DFA must remember the
# last eleven bytes, 2^11 states.
/(a|b)*a(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)/ -> odd
# Fine: .* between literals adds states linearly.
/ Hello.* here.s what we support.*Sender Okay/ -> odd
# A counted repetition keeps a thread alive for each of the last 100
# lowercase bytes: few states, but each byte of the NFA costs 100.
greeting ~ /[a-z]{100}N/ -> odd
