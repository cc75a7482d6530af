#!/usr/bin/env bash
# A network of three Presente nodes on this machine: the demo as the hub and
# two venues, Durham and Raleigh, that joined it with empty data folders:
# the roster, actions and doors come down from the hub. The folders in
# $NET are kept, so a second run picks up where the first stopped; delete
# them to start over. Stop everything with Ctrl-C.
set -euo pipefail
BIN=${BIN:-bin/presente}
NET=${NET:-data-network}
PORT=${PORT:-8080}   # the hub's; the venues take the next ones
PEERS=${PEERS:-127.0.0.1:7422}
trap 'kill $(jobs -p) 2>/dev/null; wait' INT TERM EXIT

mkdir -p "$NET"
"$BIN" demo --data "$NET/hub" --http "127.0.0.1:$PORT" --https "127.0.0.1:$((PORT + 363))" --peers "$PEERS" &
until [ -f "$NET/hub/demo.json" ]; do sleep 0.2; done

port=$((PORT + 1))
for venue in durham raleigh; do
	if [ ! -f "$NET/$venue.link" ]; then
		"$BIN" peer add "$venue" --data "$NET/hub" --peers "$PEERS" > "$NET/$venue.link"
	fi
	"$BIN" serve --data "$NET/$venue" --http "127.0.0.1:$port" --https "127.0.0.1:$((port + 363))" \
		--join "$(cat "$NET/$venue.link")" 2>&1 | sed -u "s/^/[$venue] /" &
	echo "venue $venue: http://127.0.0.1:$port/ (same door and display tokens as the hub)"
	port=$((port + 1))
done
echo "links: $BIN peer list --data $NET/hub"
wait
