# Writes, under $1/nsd, an NSD configuration listening on 192.0.2.53:53 with the zones the
# end-to-end scripts use as the world outside the cluster: example.test (www → 198.51.100.80),
# example.com (db → 198.51.100.5) and the reverse zone of 198.51.100.0/24. Sourced by
# kubeadm-corefile.sh and node-local-cache.sh.
write_nsd_upstream() {
local work=$1
mkdir -p "$work/nsd"
cat > "$work/nsd/example.test.zone" <<'ZONE'
$ORIGIN example.test.
$TTL 300
@ IN SOA ns.example.test. hostmaster.example.test. 1 7200 1800 86400 60
@ IN NS ns.example.test.
ns IN A 192.0.2.53
www IN A 198.51.100.80
ZONE
cat > "$work/nsd/example.com.zone" <<'ZONE'
$ORIGIN example.com.
$TTL 300
@ IN SOA ns.example.com. hostmaster.example.com. 1 7200 1800 86400 60
@ IN NS ns.example.test.
db IN A 198.51.100.5
ZONE
cat > "$work/nsd/reverse.zone" <<'ZONE'
$ORIGIN 100.51.198.in-addr.arpa.
$TTL 300
@ IN SOA ns.example.test. hostmaster.example.test. 1 7200 1800 86400 60
@ IN NS ns.example.test.
80 IN PTR www.example.test.
ZONE
cat > "$work/nsd/nsd.conf" <<CONF
server:
  ip-address: 192.0.2.53
  port: 53
  do-ip6: no
  server-count: 1
  username: ""
  chroot: ""
  zonesdir: "$work/nsd"
  database: ""
  zonelistfile: "$work/nsd/zone.list"
  xfrdfile: "$work/nsd/xfrd.state"
  xfrdir: "$work/nsd"
  pidfile: "$work/nsd/nsd.pid"
  logfile: "$work/nsd/nsd.log"
remote-control:
  control-enable: no
zone:
  name: example.test
  zonefile: example.test.zone
zone:
  name: example.com
  zonefile: example.com.zone
zone:
  name: 100.51.198.in-addr.arpa
  zonefile: reverse.zone
CONF
}
