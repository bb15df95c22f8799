#!/usr/bin/env bash
# A stand-in for cloudflared in tests. It prints the log lines of the real program (formats taken
# verbatim from cloudflared's logs as reported in cloudflare/cloudflared issues #456, #555, #946,
# #1173, #426, #840, #632 and 9router#1545) on stderr, like the real one, and behaves as chosen by
# FAKE_CF_MODE (or the first line of the file named by FAKE_CF_MODE_FILE, read at each start):
#   success       quick/named tunnel comes up and stays up (default)
#   slow          like success after FAKE_CF_DELAY seconds (default 3)
#   no_network    quick tunnel request fails with a DNS error, exit 1
#   rate_limited  quick tunnel request answered 429 (error 1015), exit 1
#   token_invalid named tunnel: the edge refuses the token, cloudflared retries forever
#   crash         comes up, then exits 1 after FAKE_CF_CRASH_AFTER seconds (default 2)
#   reconnect     comes up, loses all connections after FAKE_CF_CRASH_AFTER s, registers again
#   ignore_term   comes up and ignores SIGTERM (so a stop must kill it)
# FAKE_CF_PIDFILE: append this process's pid. FAKE_CF_ARGSFILE: append the arguments.
# FAKE_CF_STATEFILE: append "online PID URL ORIGIN" once the connections are registered, "offline
#   PID" when they are lost and "stopped PID" at a graceful shutdown, so that a test's stand-in for
#   the edge (tunnel/FakeEdge) carries traffic from URL to ORIGIN only while this tunnel is up.
# FAKE_CF_ORIGIN: where a named tunnel's route points (default http://localhost:48080); a quick
#   tunnel's origin is its --url argument.
set -u
mode=${FAKE_CF_MODE:-success}
if [ -n "${FAKE_CF_MODE_FILE:-}" ] && [ -f "$FAKE_CF_MODE_FILE" ]; then
  mode=$(head -n 1 "$FAKE_CF_MODE_FILE")
fi
[ -n "${FAKE_CF_PIDFILE:-}" ] && echo "$$" >> "$FAKE_CF_PIDFILE"
[ -n "${FAKE_CF_ARGSFILE:-}" ] && echo "$*" >> "$FAKE_CF_ARGSFILE"

export TZ=UTC
log() { printf '%(%Y-%m-%dT%H:%M:%S)TZ %s\n' -1 "$*" >&2; }
nap() { sleep "$1" & wait $!; }
words=(symantec transferred lock revenues buffalo marco cardiff motel four dashed word url
       river garden lamp quiet amber north silver planet orange forest)
word() { echo "${words[$((RANDOM % ${#words[@]}))]}"; }

named=0
origin=${FAKE_CF_ORIGIN:-http://localhost:48080}
prev=
for a in "$@"; do
  [ "$a" = run ] && named=1
  [ "$prev" = --url ] && origin=$a
  prev=$a
done
url=
state() { if [ -n "${FAKE_CF_STATEFILE:-}" ]; then echo "$*" >> "$FAKE_CF_STATEFILE"; fi; }

shutdown() {
  state stopped $$
  log "INF Initiating graceful shutdown due to signal terminated ..."
  for i in 0 1 2 3; do log "INF Unregistered tunnel connection connIndex=$i"; done
  log "INF Tunnel server stopped"
  log "INF Metrics server stopped"
  exit 0
}
if [ "$mode" = ignore_term ]; then trap '' TERM; else trap shutdown TERM INT; fi

register() {
  state online $$ "$url" "$origin"
  log "INF Registered tunnel connection connIndex=0 connection=830bf962-7674-4e02-b648-65177c832c67 event=0 ip=198.41.192.167 location=lax08 protocol=quic"
  log "INF Registered tunnel connection connIndex=1 connection=8219b8a8-9cc6-49bd-bb62-df0c1219b424 event=0 ip=198.41.200.43 location=sjc07 protocol=quic"
}

if [ "$named" = 1 ]; then
  log "INF Starting tunnel tunnelID=dd3d43a3-2923-40b9-ab88-9d538025aad9"
  log "INF Version 2024.12.2"
  log "INF GOOS: linux, GOVersion: go1.22.5-devel-cf, GoArch: amd64"
  log "INF Settings: map[no-autoupdate:true]"
  log "INF Generated Connector ID: 6f5bd919-1c79-4e2a-96db-65962c321200"
  log "INF Initial protocol quic"
  log "INF Starting metrics server on 127.0.0.1:33575/metrics"
  if [ "$mode" = token_invalid ] || [ -z "${TUNNEL_TOKEN:-}" ]; then
    while :; do
      log "ERR Register tunnel error from server side error=\"Unauthorized: Invalid tunnel secret\" connIndex=0 event=0 ip=198.41.192.77"
      log "INF Retrying connection in up to 2s connIndex=0 event=0 ip=198.41.192.77"
      nap 1
    done
  fi
  log "INF Updated to new configuration config=\"{\\\"ingress\\\":[{\\\"hostname\\\":\\\"upload.example.org\\\",\\\"originRequest\\\":{},\\\"service\\\":\\\"$origin\\\"},{\\\"service\\\":\\\"http_status:404\\\"}],\\\"warp-routing\\\":{\\\"enabled\\\":false}}\" version=1"
  url=https://upload.example.org
  [ "$mode" = slow ] && nap "${FAKE_CF_DELAY:-3}"
  register
  while :; do nap 1; done
fi

log "INF Thank you for trying Cloudflare Tunnel. Doing so, without a Cloudflare account, is a quick way to experiment and try it out. However, be aware that these account-less Tunnels have no uptime guarantee. If you intend to use Tunnels in production you should use a pre-created named tunnel by following: https://developers.cloudflare.com/cloudflare-one/connections/connect-apps"
log "INF Requesting new quick Tunnel on trycloudflare.com..."
case "$mode" in
  no_network)
    echo "failed to request quick Tunnel: Post \"https://api.trycloudflare.com/tunnel\": dial tcp: lookup api.trycloudflare.com on 127.0.0.11:53: no such host" >&2
    exit 1 ;;
  rate_limited)
    log "ERR Error unmarshaling QuickTunnel response: error code: 1015 error=\"invalid character 'e' looking for beginning of value\" status_code=\"429 Too Many Requests\""
    echo "failed to unmarshal quick Tunnel: invalid character 'e' looking for beginning of value" >&2
    exit 1 ;;
  slow)
    nap "${FAKE_CF_DELAY:-3}" ;;
esac
url="https://$(word)-$(word)-$(word)-$(word).trycloudflare.com"
log "INF +--------------------------------------------------------------------------------------------+"
log "INF |  Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):  |"
log "INF |  $(printf '%-90s' "$url")|"
log "INF +--------------------------------------------------------------------------------------------+"
log "INF Cannot determine default configuration path. No file [config.yml config.yaml] in [~/.cloudflared ~/.cloudflare-warp ~/cloudflare-warp /etc/cloudflared /usr/local/etc/cloudflared]"
log "INF Version 2024.12.2"
log "INF GOOS: linux, GOVersion: go1.22.5-devel-cf, GoArch: amd64"
log "INF Settings: map[ha-connections:1 no-autoupdate:true protocol:quic url:$*]"
log "INF Generated Connector ID: 6f5bd919-1c79-4e2a-96db-65962c321200"
log "INF Initial protocol quic"
log "INF Starting metrics server on 127.0.0.1:33575/metrics"
register
case "$mode" in
  crash)
    nap "${FAKE_CF_CRASH_AFTER:-2}"
    exit 1 ;;
  reconnect)
    nap "${FAKE_CF_CRASH_AFTER:-2}"
    log "ERR Serve tunnel error error=\"DialContext error: dial tcp 198.41.200.33:7844: i/o timeout\" connIndex=0 ip=198.41.200.33"
    log "INF Unregistered tunnel connection connIndex=0"
    log "WRN Failed to create new quic connection error=\"failed to dial to edge with quic: timeout: no recent network activity\" connIndex=1 event=0 ip=198.41.192.57"
    log "INF Unregistered tunnel connection connIndex=1"
    state offline $$
    log "INF Retrying connection in up to 2s connIndex=0 event=0 ip=198.41.200.33"
    nap 1
    register ;;
esac
while :; do nap 1; done
