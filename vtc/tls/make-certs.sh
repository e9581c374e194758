#!/bin/sh
# Makes the certificates the TLS VTC tests use, in directory $1 (VTest's ${tmpdir}), with the
# openssl command. Nothing is committed: every test run makes fresh ones.
#   ca.crt        a test CA (RSA 2048); ca.key its key
#   site.pem      EC P-256 leaf, CN www.test, SAN www.test localhost *.wild.test, signed by the CA
#   site-rsa.pem  RSA leaf with the same names
#   other.pem     EC leaf for other.test
#   client.pem    client certificate, CN client.test, signed by the CA
#   rogue.pem     self-signed client certificate, CN rogue.test
set -eu
dir=$1
[ -f "$dir/rogue.pem" ] && exit 0
mkdir -p "$dir"
cd "$dir"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out ca.key 2>/dev/null
openssl req -x509 -new -key ca.key -out ca.crt -days 30 -subj "/O=Shuttle tests/CN=Test CA" \
    -addext basicConstraints=critical,CA:true -addext keyUsage=critical,keyCertSign,cRLSign
serial=100
# leaf <name> <ec|rsa> <subject> <subjectAltName>
leaf() {
    serial=$((serial + 1))
    if [ "$2" = ec ]; then
        openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null
    else
        openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.key" 2>/dev/null
    fi
    openssl req -new -key "$1.key" -out "$1.csr" -subj "$3"
    printf 'basicConstraints=CA:false\nsubjectAltName=%s\n' "$4" > "$1.ext"
    openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -set_serial "$serial" -days 30 -extfile "$1.ext" \
        -out "$1.crt" 2>/dev/null
    cat "$1.crt" "$1.key" > "$1.pem"
}
leaf site ec "/CN=www.test" "DNS:www.test,DNS:localhost,DNS:*.wild.test"
leaf site-rsa rsa "/CN=www.test" "DNS:www.test,DNS:localhost,DNS:*.wild.test"
leaf other ec "/CN=other.test" "DNS:other.test"
leaf client rsa "/O=Shuttle tests/CN=client.test" "DNS:client.test"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out rogue.key 2>/dev/null
openssl req -x509 -new -key rogue.key -out rogue.crt -days 30 -subj "/CN=rogue.test"
cat rogue.crt rogue.key > rogue.pem
