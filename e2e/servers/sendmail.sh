# e2e/servers/sendmail.sh: Sendmail from Debian (package sendmail), sourced by run.sh.
# Default: Debian's sendmail.mc with the MTA daemon on 127.0.0.1:PORT (the
# MSP daemon on 587 dropped, so two instances can run) and Debian's
# service.switch-nodns. Banner variant: confSMTP_LOGIN_MSG = $j (sendmail
# itself puts "ESMTP" after the first word).

sendmail_product=sendmail
sendmail_port=2529
sendmail_banner_note='define(`confSMTP_LOGIN_MSG'"'"', `$j'"'"') (SmtpGreetingMessage=$j)'

sendmail_install() { deb_install sendmail sendmail; }
sendmail_version() { upstream_version "$(deb_version sendmail sendmail)"; }
sendmail_source() { echo "debian sendmail $(deb_version sendmail sendmail)"; }

sendmail_start() {
	local variant=$1 port=$2 dir=$3 m=$3/root mc
	root_up sendmail "$dir"
	mc=$m/etc/mail/sendmail.mc
	sed -i -e "s/Name=MTA-v4, Port=smtp,/Name=MTA-v4, Port=$port,/" -e '/Name=MSP-v4/d' "$mc"
	if [[ $variant == banner ]]; then
		sed -i 's/^MAILER_DEFINITIONS/define(`confSMTP_LOGIN_MSG'"'"', `$j'"'"')dnl\n&/' "$mc"
	fi
	cp "$m/etc/mail/service.switch-nodns" "$m/etc/mail/service.switch"
	in_root "$m" sh -c 'm4 /etc/mail/sendmail.mc >/etc/mail/sendmail.cf'
	grep -E '^O (DaemonPortOptions|SmtpGreetingMessage)' "$m/etc/mail/sendmail.cf"
	in_root "$m" install -d -o smmta -g smmsp -m 2755 /run/sendmail/mta
	in_root "$m" sendmail -bd -q30m
}

sendmail_stop() {
	local dir=$3 m=$3/root
	kill "$(head -1 "$m/run/sendmail/mta/sendmail.pid" 2>/dev/null)" 2>/dev/null || true
}
