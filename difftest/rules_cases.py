"""The cases of the rules differential test (see rules_differential.py).

Each case is Case(name, config, raw, origin, files):

    config   the body of the case's frontend: acl lines, http-request and
             http-response rules, use_backend lines... (default_backend be
             is added after it). @DIR@ stands for the directory files go to.
    raw      the exact bytes the client writes on a new connection.
    origin   how the origin answers (a key of http_differential.RESPONSES or
             of RESPONSES below).
    files    {file name: content}: maps and pattern files, written to @DIR@.

Fetch and converter results are shown to the origin with
`http-request set-header x-rN "%[...]"` (helper expose()), to the client
with `http-request return ... lf-string` or `http-response set-header`.
Backends be_a and be_b add "x-backend: a" or "b" to what they forward.
Only what haproxy 2.6 has is used.
"""

from typing import Dict, NamedTuple


class Case(NamedTuple):
    name: str
    config: str
    raw: bytes
    origin: str = "ok"
    files: Dict[str, str] = {}


def req(head: str, body: bytes = b"") -> bytes:
    """A request head given with '|' for each CRLF, then the body."""
    return head.replace("|", "\r\n").encode("latin-1") + body


def get(target: str = "/", fields: str = "", method: str = "GET", version: str = "HTTP/1.1", body: bytes = b"") -> bytes:
    """A request with Host: example.com, then the fields (each ending with '|')."""
    return req("%s %s %s|Host: example.com|%s|" % (method, target, version, fields), body)


# A FIX 4.4 Logon (BodyLength 63, CheckSum 178), fields separated by SOH.
FIX_LOGON = b"8=FIX.4.4|9=63|35=A|49=CLIENT|56=SERVER|34=1|52=20250101-00:00:00|98=0|108=30|10=178|".replace(b"|", b"\x01")

# The manual's gRPC Rectangle of two PPoints (route_guide.proto's coordinates), one gRPC message.
GRPC_RECTANGLE = bytes.fromhex("000000002e820314da0311088fbdbcc20110edff9a9cfdffffffff01"
                               "8a0314da031108b8ebcdc20110b5f29d9dfdffffffff01")
# One field of each wire type: f3 fixed32, f4 sfixed32 -5, f5 float 3.75, f6 fixed64, f7 double -2.5,
# f8 varint 5 (sint32 -3), f9 bool, f10 "hello".
PROTOBUF_TYPES = bytes.fromhex("1d00286bee25fbffffff2d000070403107000000000100003900000000000004c040054801"
                               "520568656c6c6f")

# jwt_verify: tokens signed with openssl (RSA 2048 and P-256 keys made for this corpus) and HMAC
# secret "secret"; the public keys are the case's files.
JWT_TOKENS = {
    "RS256": "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.G9cK8h5LMU23X9eE765UjL6HV-1C4ibPC1RRIdKhupgERg2fUrkWJmQFl221daN1AAC2VWbhohH2egdKMrLBbrvaesdJrvA8ild9h021bDeDsmRHJB-18iuNb7tXbYZNel3JfkABEEIv8oaFkSG_j_BbHmdhaaU41HRuO43k8ID-NViEXaCQTEFbJ2SQpKZwNlYzI5zOQdm60mEaY0N15nnc5m94IUp-lRsLKusfujFTc70ebJmIb72Nd_ij0kgPvOJ2cGdfEPxeoCm9ANxsHEpDvxoZ_k1mAimR-BjwnJ9b0W8PIFqNDcIfSJOtH83VD1RWxvRAvqecAVBrfpp6xA",
    "PS256": "eyJhbGciOiJQUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.IcUIzBt6pf65hHX-aj2DII8etB_mDBbCGxIjceJAzPwu5G6NXoDdnlTmIcwgNulVB6tpcaAuZahgKqreku3emrhDLqKE7ah0tLzYagdLpanlOeAug3QYKd84HrNIejTI7qsp0FAXXSTCpVApO3eFMztXgHQZLeP8AaJR3Hd7eve6ObI5YdqJ-qTUJRIyfxs1OKoCgLBBq2_aGXZ5t7pIQZm5EzZkzbFRfnfofxSJ6ddW0G1NkR3c14dcYimMnmRooFg2lDYwX1DOXSRKZa6ZMfE_QzN87wVQHQCThDjan6KwEdFKunTdcJbJAP14jDKHr01sL8Ho06G_7DIdXD7Epg",
    "ES256": "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.04YAv_8zQ7259eBfs5UArGXvU1BmaX0Um0XdzPXuix0_mT9419A0N4FHgkUOg16cVLz_TGyN30DI2VUtfv06pw",
    "HS256": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.Q6CM1qIz2WTgTlhMzpFL8jI8xbu9FFfj5DY_bGVY98Y",
    "HS512": "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.dV2yzTIOD98i-52Na3P-7kqfaI8cIkPOQ7zrDCY0cHBN049rvo-IZsia1NVsG_9EE_H9vwlGBmyzWIn4HATOzA"
}
JWT_KEYS = {"rsa.pub": '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAofd7vJsNFa6XcjEsGk/v\nNfelB+5FwLqLqlSUl/flS1IhTrFpLPldruGd76oyMUjhVNYiK6kfp4RLLZPLrF4a\n9skq3i/mqQaoqeJlUkV7ulq6EtHHOQQtg2Z8AY5aI4jqXu8wkasfj1lT1pB9WFAy\nWy7fUFHaLS4yTh16GOl96UwtwcQHxzobw01eoY+nCPiSQE/4rOgcJnvEhA8uIcao\nmtDBIpeC466Y0ShLh6xGoB0DR/KKDlNOa8XzmruzZoTiZpjYfd5s+PcoEA9FSN0d\nyY/Vu+axQEd57bzSNSpNGsetw5heevGA9/kMmOzvvold/a99A0vLYqc9UBbMdWSw\nwQIDAQAB\n-----END PUBLIC KEY-----\n', "rsa1.pub": '-----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEAofd7vJsNFa6XcjEsGk/vNfelB+5FwLqLqlSUl/flS1IhTrFpLPld\nruGd76oyMUjhVNYiK6kfp4RLLZPLrF4a9skq3i/mqQaoqeJlUkV7ulq6EtHHOQQt\ng2Z8AY5aI4jqXu8wkasfj1lT1pB9WFAyWy7fUFHaLS4yTh16GOl96UwtwcQHxzob\nw01eoY+nCPiSQE/4rOgcJnvEhA8uIcaomtDBIpeC466Y0ShLh6xGoB0DR/KKDlNO\na8XzmruzZoTiZpjYfd5s+PcoEA9FSN0dyY/Vu+axQEd57bzSNSpNGsetw5heevGA\n9/kMmOzvvold/a99A0vLYqc9UBbMdWSwwQIDAQAB\n-----END RSA PUBLIC KEY-----\n', "ec.pub": '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEICxBOD+W5P6AHw6Sq9Ff2DQarsgD\n/d8IPQNIZ+kxZD+xR21Z+k1r5s4Ol2iDIS51d55wUAzXLHbISiGfGvSg9A==\n-----END PUBLIC KEY-----\n'}


def expose(*expressions: str) -> str:
    """One set-header rule per expression: x-r1, x-r2... carry their results to the origin."""
    return "\n".join('http-request set-header x-r%d "%%[%s]"' % (i + 1, e) for i, e in enumerate(expressions))


def reply(template: str, condition: str = "") -> str:
    """A return rule showing a log-format string to the client."""
    return 'http-request return status 200 content-type text/plain lf-string "%s"%s' % (
        template, " " + condition if condition else "")


def marks(*conditions: str) -> str:
    """One add-header per condition: x-m: N for each condition N (from 1) that holds."""
    return "\n".join("http-request add-header x-m %d if %s" % (i + 1, c) for i, c in enumerate(conditions))


# The origin's answers added to http_differential.RESPONSES for these cases.
RESPONSES = {
    "resp": (b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nx-resp: r1, r2\r\nX-Resp: r3\r\n"
             b"set-cookie: s=1; path=/\r\nset-cookie: t=two; HttpOnly\r\ncontent-type: text/html\r\n\r\nok",
             None, False),
    "404": (b"HTTP/1.1 404 Not Found\r\ncontent-length: 2\r\n\r\nno", None, False),
    "trailers": (b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n2\r\nok\r\n0\r\nx-t: 1\r\nx-u: 2\r\n\r\n",
                 None, False),
}

COOKIES = "Cookie: a=1; b=two; a=3|Cookie: n=42; e=|"
XA = "X-A: 1, 2|X-B: b|X-A: 3|"

CASES = [
    # ------------------------------------------------------------- headers
    Case("hdr-last-value", expose("req.hdr(x-a)", "req.hdr(X-B)", "hdr(x-a)"), get("/", XA)),
    Case("hdr-occurrences", expose("req.hdr(x-a,1)", "req.hdr(x-a,2)", "req.hdr(x-a,-1)", "req.hdr(x-a,-3)",
                                   "req.hdr(x-a,4)", "req.hdr(x-a,0)"), get("/", XA)),
    Case("hdr-empty-name", expose("req.hdr()", "req.hdr", "req.hdr(,1)", "hdr()"), get("/", XA)),
    Case("empty-parens-args", expose("req.cook()", "url_param()", "str(x),json()", "str(a b),url_enc()",
                                     "str(AB),be2hex()", "req.hdr_names(),hex", "req.hdr_val()", "urlp_val()",
                                     "str(ab),sha2(),length", "req.cook_cnt()"),
         get("/?q=5&r=1", "Cookie: c=7; d=2|X-N: 12|")),
    Case("config-dollar-in-double-quotes", 'http-request set-header x-d "%[str(a$.b)]"', get("/")),
    Case("config-dollar-in-quoted-argument", 'http-request set-header x-d "%[str(\'a$.b\')]"', get("/")),
    Case("acl-var-needs-method", "http-request set-var(txn.t) str(tok)\nacl v var(txn.t) tok\n" + marks("v"), get("/")),
    Case("hdr-missing", expose("req.hdr(x-none)", "req.hdr(x-none),length", "req.hdr(x-none),lower"),
         get("/", XA)),
    Case("fhdr-full-lines", expose("req.fhdr(x-a)", "req.fhdr(x-a,1)", "req.fhdr(x-a,-2)", "req.fhdr()"),
         get("/", XA)),
    Case("hdr-count", expose("req.hdr_cnt(x-a)", "req.fhdr_cnt(x-a)", "req.hdr_cnt()", "req.hdr_cnt",
                             "req.hdr_cnt(x-none)", "hdr_cnt(x-a)"), get("/", XA)),
    Case("hdr-val-and-ip", expose("req.hdr_val(x-n)", "req.hdr_val(x-n,1)", "req.hdr_ip(x-ip)",
                                  "req.hdr_ip(x-ip,1)", "req.hdr_val(x-bad)"),
         get("/", "X-N: 12, 7x|X-Ip: 10.1.2.3, 192.168.0.1:80|X-Bad: abc|")),
    Case("hdr-names", expose("req.hdr_names", "req.hdr_names(;)"), get("/", XA)),
    Case("hdrs-block", expose("req.hdrs,length", "req.hdrs,crc32"), get("/", XA)),
    Case("hdr-empty-values", expose("req.hdr(x-e)", "req.hdr_cnt(x-e)", "req.fhdr(x-e)", "req.hdr(x-e,2)"),
         get("/", "X-E: |X-E: ,|")),
    Case("hdr-quoted-comma", expose("req.hdr(x-q)", "req.hdr_cnt(x-q)", "req.hdr(x-q,1)"),
         get("/", 'X-Q: "a,b", c|')),
    # ------------------------------------------------------------- cookies
    Case("cookie-values", expose("req.cook(a)", "req.cook(b)", "req.cook(e)", "req.cook(n)", "req.cook(none)",
                                 "cook(a)"), get("/", COOKIES)),
    Case("cookie-count-and-val", expose("req.cook_cnt(a)", "req.cook_cnt()", "req.cook_cnt", "req.cook_val(n)",
                                        "req.cook_val(b)", "cook_cnt(a)"), get("/", COOKIES)),
    Case("cookie-empty-name", expose("req.cook()", "req.cook", "req.cook,length"), get("/", COOKIES)),
    Case("cookie-spaces-and-quotes", expose("req.cook(q)", "req.cook(s)", "req.cook_cnt(s)"),
         get("/", 'Cookie: q="x y" ; s = v1 ;s=v2|')),
    # ------------------------------------------------------------- request line
    Case("method-version-path", expose("method", "req.ver", "path", "query", "url", "base", "pathq"),
         get("/a/b.html?x=1&y=2", "Content-Length: 0|", "POST")),
    Case("url-absolute-form", expose("path", "base", "url", "query", "req.hdr(host)", "pathq"),
         get("http://Other.example:8080/p/q?k=v")),
    Case("url-no-query", expose("query", "query,length", "path", "url"), get("/p")),
    Case("url-empty-query", expose("query", "query,length", "url_param(x)"), get("/p?")),
    Case("http10-version", expose("req.ver", "base", "req.hdr_cnt(host)"), req("GET /v HTTP/1.0||")),
    Case("url-params", expose("url_param(a)", "urlp(b)", "url_param(c)", "urlp(none)", "url_param(a,;)",
                              "urlp_val(n)", "url_param()"),
         get("/p?a=1&b=two&n=17&a=3&c=&d")),
    Case("url-param-delimiter", expose("url_param(b,;)", "url_param(a,;)", "url_param(c)"),
         get("/p;a=1;b=2?c=3")),
    Case("url-param-encoded", expose("url_param(a)", "url_param(a),url_dec", "url_param(b),url_dec"),
         get("/p?a=x%20y%2Bz&b=1+2")),
    Case("base32-and-src", expose("base32", "base32+src,hex", "url32", "url32+src,length", "base32+src,bytes(4),hex"),
         get("/p/q?x=1")),
    Case("src-dst", expose("src", "dst", "src,ipmask(8)", "src,ipmask(255.0.255.0)", "dst,ipmask(8),hex"), get("/")),
    Case("capture-req", expose("capture.req.method", "capture.req.uri", "capture.req.ver"),
         get("/cap?x=1", "Content-Length: 0|", "PUT")),
    Case("http-first-req", expose("http_first_req", "req.proto_http"),
         get("/1") + get("/2")),
    # ------------------------------------------------------------- string converters
    Case("conv-case", expose("req.hdr(x-s),lower", "req.hdr(x-s),upper", "str(MiXeD),lower,upper"),
         get("/", "X-S: AbC-dEf|")),
    Case("conv-hex", expose("req.hdr(x-s),hex", "str(A),hex,lower", "int(255),hex", "str(4142),hex2i"),
         get("/", "X-S: hi!|")),
    Case("conv-base64", expose("req.hdr(x-s),base64", "str(aGVsbG8=),b64dec", "req.hdr(x-s),ub64enc",
                               "str(aGk-Pw),ub64dec", "str(aGk-Pw==),ub64dec"), get("/", "X-S: hi>?|")),
    Case("conv-url-dec", expose("str(a%20b%2Fc),url_dec", "str(a+b),url_dec", "str(a+b),url_dec(1)",
                                "str(%zz),url_dec", "path,url_dec"), get("/x%41y%2fz")),
    Case("conv-url-enc", expose("str(a b&c=d/é),url_enc", "str(a b),url_enc(query)"), get("/")),
    Case("conv-field", expose("str(a/b/c/d),field(2,/)", "str(a/b/c/d),field(-1,/)", "str(a/b/c/d),field(2,/,2)",
                              "str(a/b/c/d),field(-2,/,2)", "str(a/b/c/d),field(5,/)", "str(a//c),field(2,/)",
                              "str(a:b;c),field(2,:;)"), get("/")),
    Case("conv-word", expose("str(/a//b/c),word(2,/)", "str(/a//b/c),word(-1,/)", "str(/a//b/c),word(1,/,2)",
                             "str(/a//b/c),word(-2,/,2)", "str(//),word(1,/)"), get("/")),
    Case("conv-regsub", expose("req.hdr(x-s),regsub(o,0)", "req.hdr(x-s),regsub(o,0,g)",
                               "req.hdr(x-s),regsub(O,0,gi)", "req.hdr(x-s),regsub('^(f)(o+)',<\\2\\1>)",
                               "req.hdr(x-s),regsub(x*,-,g)"),
         get("/", "X-S: foo boo|")),
    Case("conv-regsub-path", expose("path,regsub(^/api/v[0-9]+/,/)", "path,regsub(/+,/,g)"),
         get("/api/v2//users///1")),
    Case("conv-json", expose("req.hdr(x-s),json", "req.hdr(x-s),json(ascii)", "req.hdr(x-s),json(utf8s)",
                             "req.hdr(x-s),json(utf8p)"), get("/", 'X-S: a"b\\c/d\t\xc3\xa9|')),
    Case("conv-length-bytes", expose("req.hdr(x-s),length", "req.hdr(x-s),bytes(2)", "req.hdr(x-s),bytes(1,3)",
                                     "req.hdr(x-s),bytes(9)", "req.hdr(x-s),bytes(2,0)"), get("/", "X-S: abcdef|")),
    Case("conv-trim", expose("str(xxabxx),ltrim(x)", "str(xxabxx),rtrim(x)", "str(--a-b--),ltrim(-),rtrim(-)"),
         get("/")),
    Case("conv-concat-strcmp", 'http-request set-var(txn.v) str(mid)\n' +
         expose("str(a),concat(-,txn.v,-)", "str(a),concat(,txn.none,)", "str(mid),strcmp(txn.v)",
                "str(abc),strcmp(txn.v)", "str(zzz),strcmp(txn.v)", "str(a),concat(<,txn.v)"), get("/")),
    Case("conv-hashes", expose("req.hdr(x-s),crc32", "req.hdr(x-s),crc32c", "req.hdr(x-s),djb2",
                               "req.hdr(x-s),sdbm", "req.hdr(x-s),wt6", "req.hdr(x-s),xxh32", "req.hdr(x-s),xxh64",
                               "req.hdr(x-s),xxh3", "req.hdr(x-s),crc32(1)", "req.hdr(x-s),djb2(1)",
                               "req.hdr(x-s),xxh32(5)"), get("/", "X-S: hello world|")),
    Case("conv-digests", expose("req.hdr(x-s),sha1,hex", "req.hdr(x-s),sha2,hex", "req.hdr(x-s),sha2(512),base64",
                                "req.hdr(x-s),digest(md5),hex", "req.hdr(x-s),hmac(sha256,a2V5),hex"),
         get("/", "X-S: hello|")),
    Case("conv-arithmetic", 'http-request set-var(txn.n) int(7)\n' +
         expose("int(10),add(5)", "int(10),sub(txn.n)", "int(6),mul(-3)", "int(7),div(2)", "int(-7),div(2)",
                "int(7),div(0)", "int(7),mod(3)", "int(-7),mod(3)", "int(7),mod(0)", "int(5),neg",
                "int(12),and(10)", "int(12),or(3)", "int(12),xor(10)", "int(0),cpl", "int(3),bool", "int(0),not",
                "int(3),odd", "int(3),even"), get("/")),
    Case("conv-arithmetic-from-string", expose("req.hdr(x-n),add(1)", "req.hdr(x-bad),add(1)",
                                               "req.hdr(x-n),mul(2),div(3)", "req.hdr(x-neg),neg",
                                               "str(9223372036854775807),add(1)"),
         get("/", "X-N: 41|X-Bad: 4x|X-Neg: -5|")),
    Case("conv-ipmask", expose("req.hdr(x-ip),ipmask(24)", "req.hdr(x-ip),ipmask(255.255.0.0)",
                               "req.hdr(x-ip6),ipmask(24,64)", "req.hdr(x-ip6),ipmask(24,ffff:ffff::)",
                               "req.hdr(x-ip6),ipmask(24,ffff:ffff:ffff:ffff::)"),
         get("/", "X-Ip: 192.168.37.5|X-Ip6: 2001:db8:1234:5678:9abc::1|")),
    Case("conv-ip-casts", expose("req.hdr(x-ip),ipmask(16),hex", "str(::ffff:10.0.0.1),ipmask(8)",
                                 "req.hdr(x-ip6),ipmask(32,32)"),
         get("/", "X-Ip: 10.20.30.40|X-Ip6: ::ffff:10.20.30.40|")),
    Case("conv-be2dec-and-be2hex", expose("str(ABCD),be2dec(-,2)", "str(ABCDE),be2dec(.,2,1)",
                                          "str(ABCDE),be2hex(:,2)", "str(ABCD),be2hex"), get("/")),
    Case("conv-language", expose("req.hdr(accept-language),language(fr;en)",
                                 "req.hdr(accept-language),language(de;it,nl)"),
         get("/", "Accept-Language: da, en-gb;q=0.8, fr;q=0.7|")),
    Case("conv-json-query", 'option http-buffer-request\n' + "\n".join(
        "http-request set-header x-r%d '%%[req.body,json_query(\"%s\")]'" % (i + 1, e) for i, e in enumerate(
            ['$.a', '$.b.c', '$.n","int', '$.f', '$.none', '$.t'])),
         get("/", "Content-Type: application/json|Content-Length: 55|", "POST",
             body=b'{"a":"x\\"y","b":{"c":"deep"},"n":42,"f":1.5,"t":true}  ')),
    Case("conv-types-bool-int", expose("str(12abc),add(0)", "bool(1)", "str(yes),bool", "int(5),ipmask(8)",
                                       "int(1),hex"), get("/")),
    Case("conv-set-var-chain", 'http-request set-var(req.p) path,lower\n'
         'http-request set-var(txn.l) var(req.p),length\n' +
         expose("var(req.p)", "var(txn.l),mul(2)", "var(txn.none)", "var(txn.none,fallback)"),
         get("/UPPER/Case")),
    Case("conv-sample-literals", expose("str(a b)", "str('x,y')", "str(\\\"q\\\")", "int(-12)", "ipv4(10.0.0.1)",
                                        "ipv6(::1)", "bin(41FF),hex", "meth(GET)", "str()"), get("/")),
    Case("set-header-control-chars", expose("req.hdr(x),url_dec", "req.hdr(x),url_dec,length"),
         get("/", "X: a%00b%09c%0Fd%7Fe%0Ag%22h\\i|")),
    Case("map-end-own-file", expose("path,map_end(@DIR@/ends.map)", "path,map_sub(@DIR@/ends.map)"),
         get("/static/img/logo.png"), files={"ends.map": "/api a\n/static s\nimg i\n.png p\n"}),
    Case("conv-in-return-body", reply("m=%[method] p=%[path,upper] h=%[req.hdr(x-a),hex] q=%[query]"),
         get("/x/y?z=1", XA)),
    Case("conv-return-escaping", reply("[%[req.hdr(x-s)]] %% %[str(lit)] %[req.hdr(x-none)]"),
         get("/", "X-S: a%b c|")),
    # ------------------------------------------------------------- maps
    Case("map-str", expose("req.hdr(host),map(@DIR@/hosts.map)", "req.hdr(host),map(@DIR@/hosts.map,dflt)",
                           "req.hdr(x-h),map_str(@DIR@/hosts.map,none)", "req.hdr(x-h),lower,map(@DIR@/hosts.map)"),
         get("/", "X-H: API.example.com|"),
         files={"hosts.map": "# comment\nexample.com web\napi.example.com   api backend\n\nother.org other\n"}),
    Case("map-beg-sub-end", expose("path,map_beg(@DIR@/paths.map)", "path,map_sub(@DIR@/paths.map)",
                                   "path,map_end(@DIR@/paths.map)", "path,map_dir(@DIR@/dirs.map)",
                                   "req.hdr(host),map_dom(@DIR@/doms.map)"),
         get("/static/img/logo.png"),
         files={"paths.map": "/api a\n/static s\n/static/img si\nimg i\n.png p\n",
                "dirs.map": "img d1\n/static d2\n",
                "doms.map": "example.com dom\ncom tld\n"}),
    Case("map-reg", expose("path,map_reg(@DIR@/re.map)", "path,map_regm(@DIR@/re.map)",
                           "path,map_reg(@DIR@/re.map,nope)"),
         get("/user/42/edit"),
         files={"re.map": "^/admin admin\n^/user/([0-9]+)/(.*) u-\\1-\\2\n.* any\n"}),
    Case("map-ip-int", expose("req.hdr(x-ip),map_ip(@DIR@/nets.map)", "req.hdr(x-ip2),map_ip(@DIR@/nets.map,out)",
                              "req.hdr(x-n),map_int(@DIR@/ints.map)", "req.hdr(x-n),map_int_int(@DIR@/ints2.map,0)",
                              "req.hdr(x-ip),map_ip_int(@DIR@/nets2.map)"),
         get("/", "X-Ip: 10.1.2.3|X-Ip2: 172.16.0.1|X-N: 7|"),
         files={"nets.map": "10.0.0.0/8 ten\n10.1.0.0/16 ten-one\n192.168.0.0/16 private\n",
                "nets2.map": "10.0.0.0/8 8\n10.1.0.0/16 16\n",
                "ints.map": "5 five\n7 seven\n", "ints2.map": "7 77\n"}),
    Case("map-str-int-default", expose("req.hdr(x-k),map_str_int(@DIR@/k.map,-1)", "req.hdr(x-j),map_str_int(@DIR@/k.map,-1)",
                                       "req.hdr(x-k),map_str_int(@DIR@/k.map),add(1)"),
         get("/", "X-K: b|X-J: zz|"), files={"k.map": "a 1\nb 2\n"}),
    Case("map-use-backend", "use_backend %[req.hdr(host),lower,map(@DIR@/be.map,be)]",
         get("/", "").replace(b"example.com", b"B.Example.com"), files={"be.map": "a.example.com be_a\nb.example.com be_b\n"}),
    # ------------------------------------------------------------- ACL match methods
    Case("acl-str-and-i", "acl a1 req.hdr(x-s) abc\nacl a2 req.hdr(x-s) -i ABC\nacl a3 req.hdr(x-s) ABC\n" +
         marks("a1", "a2", "a3", "!a3"), get("/", "X-S: abc|")),
    Case("acl-beg-end-sub", "acl b path_beg /api/ /v1/\nacl e path_end .php .png\nacl s path_sub adm\n"
         "acl s2 path -m sub -i ADM\n" + marks("b", "e", "s", "s2", "b e", "b || e"),
         get("/api/admin.PHP")),
    Case("acl-dir-dom", "acl d1 path_dir img\nacl d2 path_dir /static/img\nacl d3 path_dir im\n"
         "acl m1 hdr_dom(host) example\nacl m2 req.hdr(host) -m dom example.com\nacl m3 hdr_dom(host) exa\n" +
         marks("d1", "d2", "d3", "m1", "m2", "m3"), get("/static/img/x.png")),
    Case("acl-reg", "acl r1 path_reg ^/[a-z]+/[0-9]+$\nacl r2 req.hdr(x-s) -m reg -i ^ab+C\n"
         "acl r3 url_reg \\?.*debug\nacl r4 path -m reg X\n" + marks("r1", "r2", "r3", "r4"),
         get("/user/12?x=1&debug", "X-S: abbbc|")),
    Case("acl-len", "acl l1 path_len 5\nacl l2 req.hdr(x-s) -m len gt 3\nacl l3 path_len 1:4\n"
         "acl l4 req.hdr(x-none) -m len 0\n" + marks("l1", "l2", "l3", "l4"), get("/abcd", "X-S: four|")),
    Case("acl-found-bool", "acl f1 req.hdr(x-s) -m found\nacl f2 req.hdr(x-none) -m found\n"
         "acl f3 req.cook(a) -m found\nacl b1 req.hdr_cnt(x-s) -m bool\nacl b2 req.hdr_cnt(x-none) -m bool\n"
         "acl b3 req.hdr(x-e) -m found\n" + marks("f1", "f2", "f3", "b1", "b2", "b3", "!f2"),
         get("/", "X-S: v|X-E:|Cookie: a=|")),
    Case("acl-int-operators", "acl g req.hdr_val(x-n) gt 10\nacl ge req.hdr_val(x-n) ge 12\n"
         "acl lt req.hdr_val(x-n) lt 12\nacl le req.hdr_val(x-n) le 12\nacl eq req.hdr_val(x-n) eq 12\n"
         "acl r req.hdr_val(x-n) 10:15\nacl r2 req.hdr_val(x-n) :11\nacl r3 req.hdr_val(x-n) 13:\n"
         "acl many req.hdr_val(x-n) 1 5 12\n" + marks("g", "ge", "lt", "le", "eq", "r", "r2", "r3", "many"),
         get("/", "X-N: 12|")),
    Case("acl-int-cast-from-string", "acl i1 req.hdr(x-n) -m int 12\nacl i2 req.hdr(x-n) -m int gt 100\n"
         "acl i3 query,length 3\nacl i4 url_param(n) -m int 7\n" + marks("i1", "i2", "i3", "i4"),
         get("/?n=7", "X-N: 12|")),
    Case("acl-ip", "acl i1 src 127.0.0.0/8\nacl i2 src 10.0.0.0/8 192.168.0.0/16\n"
         "acl i3 req.hdr_ip(x-ip) 10.0.0.0/8\nacl i4 req.hdr(x-ip) -m ip 10.1.0.0/16\n"
         "acl i5 req.hdr(x-ip6) -m ip 2001:db8::/32\nacl i6 src 127.0.0.1\n" +
         marks("i1", "i2", "i3", "i4", "i5", "i6", "LOCALHOST"),
         get("/", "X-Ip: 10.1.2.3|X-Ip6: 2001:db8::7|")),
    Case("acl-pattern-file", "acl f path_beg -f @DIR@/prefixes.lst\nacl g req.hdr(x-s) -i -f @DIR@/words.lst\n"
         "acl h src -f @DIR@/nets.lst\n" + marks("f", "g", "h"),
         get("/b/c", "X-S: WORD|"),
         files={"prefixes.lst": "/a\n/b\n# comment\n", "words.lst": "word\nother\n", "nets.lst": "127.0.0.0/8\n"}),
    Case("acl-map-as-patterns", "acl m req.hdr(host) -M -f @DIR@/m.map\nacl n path -M -f @DIR@/m.map\n" +
         marks("m", "n"), get("/"), files={"m.map": "example.com x\n/y y\n"}),
    Case("acl-multi-value-any", "acl a req.hdr(x-a) 2\nacl b req.fhdr(x-a) 2\nacl c req.hdr(x-a) -m sub 1,\n"
         "acl d req.fhdr(x-a) -m sub 1,\nacl e hdr(x-a) 1\n" + marks("a", "b", "c", "d", "e"), get("/", XA)),
    Case("acl-cookie-all-values", "acl a req.cook(a) 1\nacl b req.cook(a) 3\nacl c cook(a) 1\nacl d cook_beg(b) tw\n"
         "acl e req.cook_cnt(a) 2\nacl f cook_val(n) gt 40\n" + marks("a", "b", "c", "d", "e", "f"),
         get("/", COOKIES)),
    Case("acl-hdr-declinations", "acl a hdr_beg(host) exa\nacl b hdr_end(host) .com\nacl c hdr_sub(x-a) 2\n"
         "acl d hdr_reg(x-b) ^b$\nacl e hdr_len(x-b) 1\nacl f hdr_cnt(x-a) 3\nacl g hdr(x-b) b\n"
         "acl h hdr_val(x-a) 3\nacl i hdr_dir(host) com\n" + marks("a", "b", "c", "d", "e", "f", "g", "h", "i"),
         get("/", XA)),
    Case("acl-url-declinations", "acl a url_beg /p\nacl b url_end x=1\nacl c url_sub ?\nacl d urlp(x) 1\n"
         "acl e urlp_beg(y) ab\nacl f urlp_val(x) 1\nacl g base_beg example.com/p\nacl h base_sub /q\n"
         "acl i url_dom q\nacl j urlp_reg(y) ^a.c$\nacl k urlp_len(y) 3\n" +
         marks("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"), get("/p/q?y=abc&x=1")),
    Case("acl-method-and-predefined", marks("METH_GET", "METH_POST", "HTTP_1.1", "HTTP_1.0", "TRUE", "FALSE",
                                            "HTTP", "HTTP_URL_SLASH", "HTTP_CONTENT", "{ method GET }",
                                            "{ method -i get }", "{ method POST GET }"), get("/m", "", "HEAD")),
    Case("acl-same-name-ors", "acl x path /a\nacl x path /b\nacl y path /c\n" + marks("x", "y", "x || y"),
         get("/b")),
    Case("acl-unique-id-and-n", "acl u req.hdr(x-s) -u 1 abc\nacl n src -n 127.0.0.1\nacl e req.hdr(x-s) -- -x\n"
         + marks("u", "n", "e"), get("/", "X-S: -x|")),
    Case("acl-sub-special-chars", "acl a req.hdr(x-s) -m sub a.b\nacl b req.hdr(x-s) -m reg a.b\n"
         "acl c req.hdr(x-s) -m beg \\ x\nacl d req.hdr(x-s) -m str 'a b'\n" + marks("a", "b", "c", "d"),
         get("/", "X-S: azb|")),
    # ------------------------------------------------------------- condition logic
    Case("cond-and-or-not", "acl a path_beg /a\nacl b req.hdr(x-b) -m found\nacl c method POST\n" +
         marks("a b", "a !b", "a c || b", "!a || !c", "a || b c", "!a !b || c || a b", "a b c"),
         get("/a", XA)),
    Case("cond-unless", "acl a path_beg /a\nhttp-request add-header x-u 1 unless a\n"
         "http-request add-header x-u 2 unless !a\nhttp-request add-header x-u 3 unless a || { path /zz }\n",
         get("/b")),
    Case("cond-anonymous", marks("{ path /x } { req.hdr(x-a) -m found }", "{ path /y } || { path_end x }",
                                 "!{ path /x }", "{ req.hdr_cnt(x-a) gt 2 }", "{ req.hdr(x-a),lower 3 }"),
         get("/x", XA)),
    Case("cond-converter-in-acl", "acl a req.hdr(x-s),lower -m beg foo\nacl b path,field(2,/) v2\n"
         "acl c req.hdr(x-s),length 6\nacl d url_param(k),url_dec -m sub  \n"
         + marks("a", "b", "c", "d"), get("/api/v2/x?k=a%20b", "X-S: FOOBAR|")),
    Case("cond-var", "http-request set-var(txn.t) str(tok)\nacl v var(txn.t) -m str tok\nacl w var(txn.none) -m found\n"
         + marks("v", "w", "{ var(txn.t) -m beg to }"), get("/")),
    Case("cond-first-rule-wins", "http-request return status 201 if { path /a }\n"
         "http-request return status 202 if { path_beg /a }\nhttp-request return status 203\n", get("/ab")),
    # ------------------------------------------------------------- actions
    Case("act-header-edits", "http-request set-header x-a new\nhttp-request add-header x-b %[req.hdr(x-b),upper]\n"
         "http-request del-header x-c\nhttp-request replace-header x-d ^(v)(.*) \\2\\1\n"
         "http-request replace-value x-e ^old$ new\n",
         get("/", XA + "X-C: 1|X-D: v123|X-E: old, other, old|")),
    Case("act-header-empty-value", 'http-request set-header x-r "%[req.hdr(x-none)]"\n'
         'http-request add-header x-t "%[req.hdr(x-none)]x"\n', get("/")),
    Case("act-set-path-query-uri", "http-request set-path /new%[path]\nhttp-request set-query q=%[query,upper]\n"
         "http-request set-header x-u %[url]\n", get("/old?a=b")),
    Case("act-set-uri-method", "http-request set-method PUT if { path /m }\n"
         "http-request set-uri /u?%[method] if { path /m }\n", get("/m")),
    # An absolute URI's authority becomes every Host field's value (http_update_host()); none is added.
    Case("act-set-uri-absolute-host", "http-request set-uri http://new.example:8080/p?q=1\n", get("/a")),
    Case("act-replace-uri-absolute-host", "http-request replace-uri ^/r(.*) https://other.example\\1\n",
         get("/r/x")),
    Case("act-set-uri-absolute-no-host", "http-request set-uri http://new.example/p\n",
         get("/", version="HTTP/1.0").replace(b"Host: example.com\r\n", b"")),
    Case("act-set-var-types", "http-request set-var(txn.i) int(3),add(4)\nhttp-request set-var(txn.s) str(a),concat(b)\n"
         "http-request set-var(txn.ip) src\n" + expose("var(txn.i)", "var(txn.s)", "var(txn.ip)",
                                                       "var(txn.i),mul(txn.i)"), get("/")),
    Case("act-deny", "http-request deny if { req.hdr(x-s) bad }\n", get("/", "X-S: bad|")),
    Case("act-deny-status", "http-request deny deny_status 429 if { path_beg /limit }\n", get("/limit")),
    Case("act-deny-not-taken", "http-request deny if { req.hdr(x-s) bad }\n", get("/", "X-S: good|")),
    Case("act-redirect-location", 'http-request redirect location /new/%[path,field(3,/)] code 301 if { path_beg /old/ }\n',
         get("/old/page")),
    Case("act-redirect-prefix", "http-request redirect prefix https://example.org drop-query\n", get("/p?q=1")),
    Case("act-redirect-scheme", "http-request redirect scheme https code 308 if !{ req.hdr(x-proto) https }\n",
         get("/s?x=1")),
    Case("act-auth", 'http-request auth realm "Private zone" unless { req.hdr(authorization) -m found }\n',
         get("/")),
    Case("act-auth-basic-fetches", expose("http_auth_type", "http_auth_user", "http_auth_pass",
                                          "req.hdr(authorization),field(2,' '),b64dec"),
         get("/", "Authorization: Basic dXNlcjpwYXNz|")),
    Case("act-return-file-hdrs", 'http-request return status 403 content-type "text/x" string "nope" '
         'hdr x-why "%[path]" if { path_beg /f }\n', get("/forbidden")),
    Case("act-return-no-body", "http-request return status 204 if { method OPTIONS }\n", get("/", "", "OPTIONS")),
    Case("use-backend-conditions", "acl isa path_beg /a\nuse_backend be_a if isa\n"
         "use_backend be_b if { req.hdr(x-b) -m found }\n", get("/b", XA)),
    Case("use-backend-first-match", "use_backend be_b if { path_beg /a }\nuse_backend be_a if { path_beg / }\n",
         get("/a")),
    Case("use-backend-dynamic", "use_backend be_%[req.hdr(x-to)]\n", get("/", "X-To: b|")),
    Case("use-backend-none-matches", "use_backend be_a if FALSE\nuse_backend be_b unless TRUE\n", get("/")),
    # ------------------------------------------------------------- options adding headers (3.x)
    Case("fwd-default", "@BACKEND@\noption forwarded\n", get("/")),
    # (by_port and for_port alone would print the proxies' own ports, which differ: ports come from expressions.)
    Case("fwd-all-params", "@BACKEND@\noption forwarded proto host by for\n", get("/")),
    Case("fwd-ports-from-exprs", "@BACKEND@\noption forwarded by by_port-expr int(8080) for for_port-expr str(99999)\n",
         get("/")),
    Case("fwd-by-port-alone", "@BACKEND@\noption forwarded by_port for_port\n", get("/")),
    Case("fwd-host-only", "@BACKEND@\noption forwarded host\n", get("/")),
    Case("fwd-host-quoted", "@BACKEND@\noption forwarded host\n", get("/", "", "GET").replace(
        b"Host: example.com", b"Host: example.com:8080")),
    Case("fwd-exprs", "@BACKEND@\noption forwarded host-expr str(h.example) by-expr str(proxy1) "
         "by_port-expr int(81) for-expr req.hdr(x-real) for_port-expr str(_p1)\n", get("/", "X-Real: c1|")),
    Case("fwd-expr-empty", "@BACKEND@\noption forwarded for-expr req.hdr(x-none) by-expr req.hdr(x-none)\n",
         get("/")),
    Case("fwd-appends", "@BACKEND@\noption forwarded\n", get("/", "Forwarded: for=192.0.2.1|")),
    Case("fwd-appends-to-last", "@BACKEND@\noption forwarded\n",
         get("/", 'Forwarded: for=192.0.2.1, for="[2001:db8::1]:80"|X-B: 1|Forwarded: for=_hidden;proto=https|')),
    Case("fwd-invalid-received", "@BACKEND@\noption forwarded\n",
         get("/", "Forwarded: for=192.0.2.1|Forwarded: for=1.2.3.4:80|")),
    Case("fwd-unknown-param-received", "@BACKEND@\noption forwarded\n", get("/", "Forwarded: secret=x|")),
    Case("ffor-front-and-back", "option forwardfor header x-ff-front\n@BACKEND@\noption forwardfor header x-ff-back\n",
         get("/")),
    Case("ffor-except-front", "option forwardfor except 127.0.0.0/8\n", get("/")),
    Case("ffor-if-none", "option forwardfor if-none\n", get("/", "X-Forwarded-For: 10.0.0.1|")),
    Case("ffor-back-if-none", "@BACKEND@\noption forwardfor if-none\n", get("/")),
    Case("ffor-front-except-back-plain", "option forwardfor except 127.0.0.1\n@BACKEND@\noption forwardfor\n", get("/")),
    Case("origto-front-and-back", "option originalto header x-ot-front\n@BACKEND@\noption originalto except 10.0.0.0/8\n",
         get("/")),
    Case("replace-path", "http-request replace-path /a/(.*) /b/\\1\n", get("/a/x?q=1")),
    Case("replace-path-no-match", "http-request replace-path ^/z(.*) /y\\1\n", get("/a/x?q=1")),
    Case("replace-pathq", "http-request replace-pathq ([^?]*)(\\?(.*))? \\1/foo\\2\n", get("/bar?q=1")),
    Case("replace-uri", "http-request replace-uri ^http://([^/:]*)(.*) \\2?host=\\1\n",
         get("http://example.com/p", "", "GET")),
    Case("replace-uri-origin-form", "http-request replace-uri ^/(.*)$ /pre/\\1\n", get("/x?y=1")),
    Case("return-hdrs-string", 'http-request return status 202 content-type text/plain string "hi" hdr x-a 1 hdr x-b "%[path]"\n',
         get("/p")),
    Case("return-lf-string", 'http-request return status 200 content-type "text/plain; charset=utf-8" lf-string "path=%[path] m=%[method]" hdr x-c c\n',
         get("/q")),
    Case("return-no-ct-hdr", "http-request return status 404 hdr x-miss 1\n", get("/")),
    Case("deny-with-body", 'http-request deny status 403 content-type text/plain string "no" hdr x-why rule\n', get("/")),
    Case("deny-deny-status", "http-request deny deny_status 429\n", get("/")),
    Case("return-default-errorfile", "http-request return status 503 default-errorfiles\n", get("/")),
    Case("response-return", 'http-response return status 200 content-type text/plain string "replaced" hdr x-r 1\n', get("/")),
    Case("early-hint-grouped", 'http-request early-hint link "</a.css>; rel=preload"\n'
         'http-request early-hint link "</b.js>; rel=preload"\nhttp-request set-header x-after 1\n'
         'http-request early-hint x-p "%[path]"\n', get("/eh")),
    Case("early-hint-conditional", 'http-request early-hint link "</a.css>"\n'
         'http-request early-hint link "</b.css>" if { path /eh }\nhttp-request early-hint link "</c.css>"\n'
         'http-request early-hint link "</d.css>" if { path /none }\n', get("/eh")),
    Case("early-hint-http10", 'http-request early-hint link "</a.css>"\n', get("/eh", "", "GET", "HTTP/1.0")),
    Case("res-body-wait", "http-response wait-for-body time 1s\n"
         "http-response set-header x-b %[res.body]\nhttp-response set-header x-bl %[res.body_len]\n"
         "http-response set-header x-bs %[res.body_size]\n", get("/"), "resp"),
    Case("res-body-wait-at-least", "http-response wait-for-body time 1s at-least 1\n"
         "http-response set-header x-bl %[res.body_len]\n", get("/"), "resp"),
    Case("drop-req-trailers", "@BACKEND@\noption http-drop-request-trailers\n",
         get("/", "Transfer-Encoding: chunked|", "POST", body=b"2\r\nhi\r\n0\r\nx-t: 1\r\n\r\n")),
    Case("keep-req-trailers", "@BACKEND@\noption http-drop-request-trailers\nno option http-drop-request-trailers\n",
         get("/", "Transfer-Encoding: chunked|", "POST", body=b"2\r\nhi\r\n0\r\nx-t: 1\r\n\r\n")),
    Case("drop-resp-trailers", "option http-drop-response-trailers\n", get("/"), "trailers"),
    Case("keep-resp-trailers", "", get("/"), "trailers"),
    Case("restrict-hdr-preserve", "option http-restrict-req-hdr-names preserve\n", get("/", "X_A: 1|X.B: 2|X-C: 3|")),
    Case("restrict-hdr-delete", "option http-restrict-req-hdr-names delete\n", get("/", "X_A: 1|X.B: 2|X-C: 3|")),
    Case("restrict-hdr-reject", "option http-restrict-req-hdr-names reject\n", get("/", "X_A: 1|")),
    Case("restrict-hdr-reject-clean", "option http-restrict-req-hdr-names reject\n", get("/", "X-A: 1|")),
    Case("restrict-hdr-after-rules", "option http-restrict-req-hdr-names delete\nhttp-request set-header x-seen %[req.hdr(x_a)]\n",
         get("/", "X_A: 1|")),
    Case("restrict-hdr-backend", "@BACKEND@\noption http-restrict-req-hdr-names reject\n", get("/", "X_A: 1|")),
    # ------------------------------------------------------------- responses
    Case("res-hdr-fetches", expose("req.hdr(x-b)") + "\n"
         'http-response set-header x-o1 "%[res.hdr(x-resp)]"\nhttp-response set-header x-o2 "%[res.hdr_cnt(x-resp)]"\n'
         'http-response set-header x-o3 "%[res.fhdr(x-resp,1)]"\nhttp-response set-header x-o4 "%[status]"\n'
         'http-response set-header x-o5 "%[res.hdr(x-resp,-2)]"\nhttp-response set-header x-o6 "%[res.ver]"\n',
         get("/", XA), "resp"),
    Case("res-cookies", 'http-response set-header x-o1 "%[res.cook(s)]"\n'
         'http-response set-header x-o2 "%[res.cook(t)]"\nhttp-response set-header x-o3 "%[res.cook_cnt]"\n'
         'http-response set-header x-o4 "%[scook(s)]"\nhttp-response set-header x-o5 "%[res.cook_val(s)]"\n',
         get("/"), "resp"),
    Case("res-hdr-direction", 'http-response set-header x-o1 "%[hdr(x-resp)]"\n'
         'http-response set-header x-o2 "%[hdr(x-resp,1)]"\nhttp-response set-header x-o3 "%[cookie(t)]"\n'
         'http-request set-header x-i1 "%[hdr(x-b)]"\nhttp-request set-header x-i2 "%[cookie(a)]"\n',
         get("/", XA + "Cookie: a=c1|"), "resp"),
    Case("res-acl-request-headers", 'http-response set-header x-o1 yes if { hdr(x-b) b }\n'
         'http-response set-header x-o2 yes if { hdr_beg(x-b) b }\nhttp-response set-header x-o3 yes if { hdr_cnt(x-a) 3 }\n'
         'http-response set-header x-o4 yes if { hdr_cnt(x-resp) 3 }\nhttp-response set-header x-o5 yes if { shdr(x-resp) r3 }\n'
         'http-response set-header x-o6 yes if { hdr_sub(x-resp) r }\nhttp-response set-header x-o7 yes if { req.hdr(x-b) b }\n'
         'http-response set-header x-o8 yes if { hdr(x-resp) -m found }\nhttp-response set-header x-o9 yes if { cook(s) -m found }\n'
         'http-response set-header x-o10 yes if { cookie(s) 1 }\nhttp-response set-header x-o11 yes if { path / }\n'
         'http-response set-header x-o12 yes if { method GET }\nhttp-response set-header x-o13 yes if { scook(t) two }\n',
         get("/", XA + "Cookie: s=1|"), "resp"),
    Case("res-status-rules", "http-response set-status 299 reason \"Fine\" if { status 200 }\n"
         "http-response set-header x-s %[status] if { status 299 }\n", get("/"), "resp"),
    Case("res-status-404", "http-response set-header x-nf 1 if { status 404 }\n"
         "http-response set-status 410 if { status ge 400 } { res.hdr_cnt(x-none) 0 }\n", get("/"), "404"),
    Case("res-deny", "http-response deny if { res.hdr(x-resp) -m sub r3 }\n", get("/"), "resp"),
    Case("res-header-edits", "http-response del-header set-cookie\nhttp-response add-header x-p %[method]\n"
         "http-response replace-value x-resp ^r(.)$ R\\1\nhttp-response set-header content-type text/plain if { res.hdr(content-type) -m beg text/ }\n",
         get("/pp"), "resp"),
    Case("res-var-from-request", "http-request set-var(txn.m) method\nhttp-request set-var(txn.p) path\n"
         'http-response set-header x-o "%[var(txn.m)] %[var(txn.p)] %[capture.req.uri]"\n', get("/v?w=1"), "resp"),
    Case("after-response", 'http-after-response set-header x-a "%[status]"\nhttp-request deny if { path /d }\n',
         get("/d")),
    # ------------------------------------------------------------- 3.x converters (issue 21)
    Case("conv-reverse", expose("str(example.com),reverse", "str(ab cd),reverse", "req.hdr(host),lower,reverse",
                                "str(),reverse,length"), get("/")),
    Case("conv-reverse-dom", expose("str(mail.example.com),reverse_dom", "str(example.com.),reverse_dom",
                                    "str(a..b),reverse_dom", "str(.a),reverse_dom", "str(a),reverse_dom",
                                    "req.hdr(host),host_only,reverse_dom", "str(a..),reverse_dom,length"),
         get("/", "X-H: x|")),
    Case("conv-host-port", expose("req.hdr(host),host_only", "req.hdr(host),port_only", "req.hdr(x-h),host_only",
                                  "req.hdr(x-h),port_only", "str(a:b:c),host_only", "str(a:b:c),port_only",
                                  "str(x:abc),port_only", "str([::1]x),host_only", "str(a:),port_only",
                                  "str(Host.Example),port_only"),
         req("GET / HTTP/1.1|Host: WWW.Example.COM:8080|X-H: [::1]:443|")),
    # has_ctl without a mask is left out: in HAProxy 3.5-dev5 it writes its default mask into the
    # argument list every argument-less converter shares, and sha2, url_dec, http_date... of the other
    # cases then read it as their argument (checked: those cases differ only when it is present).
    Case("conv-has-ctl", expose("req.hdr(x-t),has_ctl(0x1FFFFFDFF)", "req.hdr(x-t),has_ctl(any)",
                                "req.hdr(x-t),has_ctl(http)", "req.hdr(x-t),has_ctl(0x200)", "req.hdr(x-t),has_ctl(512)",
                                "str(plain),has_ctl(any)", "req.hdr(x-d),has_ctl(0x100000000)"),
         get("/", "X-T: a\tb|X-D: a\x7fb|")),
    Case("conv-base2-htonl", expose("str(AB),base2", "int(258),htonl,hex", "int(-1),htonl,hex", "int(4294967297),htonl,hex",
                                    "src,base2"), get("/")),
    Case("conv-http-date", expose("int(1700000000),http_date(0)", "int(1700000000),http_date(3600)",
                                  "int(1700000000),http_date(-86400,s)", "int(1700000000123),http_date(0,ms)",
                                  "int(1700000000123456),http_date(0,us)", "int(1700000000001),http_date(1000,ms)"),
         get("/")),
    Case("conv-ms-us-time", expose("int(1700000000123),ms_utime(%Y-%m-%dT%H:%M:%S.%3N)",
                                   "int(1700000000123),ms_utime(%N)", "int(1700000000123456),us_utime(%s.%6N)",
                                   "int(1700000000123456),us_utime(%T.%2N,1000000)", "int(1700000000999),ms_utime(%S %1N)"),
         get("/")),
    Case("conv-param-delimiters", expose("str(a=b&c=d&a=r),param(a)", "str(a&b=c),param(a)", "str(a=&b&c=a),param(b)",
                                         "str(a=1;b=2;c=4),param(b,;)", "str(a=1;b=2;c=4),param(b,0x3b)",
                                         "str(a=1;b=2;c=4),param(b,0X3B)", "query,param(q)"), get("/p?q=x&r=y")),
    Case("conv-jwt-query", "http-request set-header x-r1 %[req.hdr(x-jwt),jwt_header_query($.alg)]\n"
         "http-request set-header x-r2 %[req.hdr(x-jwt),jwt_payload_query($.iat,int)]\n"
         "http-request set-header x-r3 %[req.hdr(x-jwt),jwt_payload_query($.name)]\n"
         "http-request set-header x-r4 %[str(eyJhbGciOiJIUzI1NiJ9.e30),jwt_header_query($.alg)]\n"
         "http-request set-header x-r5 %[str(eyJhbGciOiJIUzI1NiJ9),jwt_header_query($.alg)]\n"
         "http-request set-header x-r6 %[str(e!J.e30.x),jwt_header_query($.alg)]\n",
         get("/", "X-Jwt: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c|")),
    Case("conv-fe-exists", expose("fe_name,fe_exists", "str(nope),fe_exists", "str(be),fe_exists"), get("/")),
    Case("fetch-fe-timeouts", "http-request set-timeout client 7s if { path /set }\n"
         + expose("fe_client_timeout", "fe_tarpit_timeout", "cur_client_timeout", "fe_defbe", "prio_class",
                  "prio_offset"), get("/") + get("/set")),
    Case("fetch-priority-set", "http-request set-priority-class int(-3000)\nhttp-request set-priority-offset int(77)\n"
         + expose("prio_class", "prio_offset"), get("/")),
    Case("fetch-payload-in-http", expose("req.payload(0,3)", "req.payload_lv(0,1)", "req.proto_http"), get("/")),
    Case("fetch-acl", "acl a1 path /x\nacl later path -m beg /\n"
         + expose("acl(a1)", "acl(!a1)", "acl(a1,later)", "acl(a1,!later)", "acl(TRUE)", "acl(!FALSE,later)",
                  "acl(a1,a1,a1,a1,a1,a1,a1,a1,a1,a1,a1,a1)") + "\nhttp-request set-header x-m yes if { acl(a1,later) }",
         get("/x") + get("/y")),
    Case("fetch-last-rule", "http-request set-header x-b %[last_rule_line] if { path /b }\n"
         "http-request set-var(txn.n) int(1)\nhttp-request allow if { path /a }\n"
         "http-request set-header x-after-allow 1\n"
         'http-response set-header x-o "%[last_rule_line] %[last_rule_file,length,bool]"\n', get("/a") + get("/b"), "resp"),
    Case("fetch-server-state", expose("srv_weight(be/origin)", "srv_iweight(be/origin)", "srv_uweight(be/origin)",
                                      "srv_conn_free(be/origin)", "srv_is_up(be/origin)", "be_conn_free(be)",
                                      "src_is_local", "dst_is_local", "fc_src_is_local"), get("/")),
    Case("fetch-http-major", expose("fc_http_major") + '\nhttp-response set-header x-o "%[bc_http_major] %[fc_http_major]"',
         get("/") + req("GET /v HTTP/1.0||"), "resp"),
    # ------------------------------------------------------------- rfc7239_* converters (issue 21)
    Case("conv-rfc7239-valid", expose("req.hdr(x-a),rfc7239_is_valid", "req.hdr(x-b),rfc7239_is_valid",
                                      "req.hdr(x-c),rfc7239_is_valid", "req.hdr(x-d),rfc7239_is_valid",
                                      "req.hdr(x-e),rfc7239_is_valid", "req.hdr(x-f),rfc7239_is_valid",
                                      "req.hdr(x-g),rfc7239_is_valid", "req.hdr(x-h),rfc7239_is_valid"),
         get("/", 'X-A: for=127.0.0.1;proto=http|X-B: proto=custom|X-C: for="[::1]:_8888";host="haproxy.org";proto=http|'
             'X-D: for=1.2.3.4:80|X-E: host="my-host"|X-F: for=01.2.3.4|X-G: for=_a;by=_b;host=h;proto=https;junk|'
             'X-H: for=1.2.3.4;for=5.6.7.8|')),
    Case("conv-rfc7239-field", expose("req.hdr(x-a),rfc7239_field(host)", "req.hdr(x-a),rfc7239_field(for)",
                                      "req.hdr(x-a),rfc7239_field(proto)", "req.hdr(x-b),rfc7239_field(by)",
                                      "req.hdr(x-a),rfc7239_field(by)", "req.hdr(x-a),rfc7239_field(other)"),
         get("/", 'X-A: proto=https;host="haproxy.org:80";for="127.0.0.1:9999"|X-B: by="[::1]:8080"|')),
    Case("conv-rfc7239-nodes", expose("req.hdr(x-a),rfc7239_n2nn", "req.hdr(x-a),rfc7239_n2np",
                                      "req.hdr(x-b),rfc7239_n2nn", "req.hdr(x-b),rfc7239_n2np",
                                      "req.hdr(x-c),rfc7239_n2nn", "req.hdr(x-c),rfc7239_n2np",
                                      "req.hdr(x-d),rfc7239_n2nn", "req.hdr(x-a),rfc7239_n2nn,ipmask(8)",
                                      "req.hdr(x-e),rfc7239_n2np"),
         get("/", 'X-A: 127.0.0.1:9999|X-B: [ab:cd:ff:ff:ff:ff:ff:ff]:9998|X-C: _name:_port|X-D: unknown|'
             'X-E: 127.0.0.1|')),
    Case("conv-rfc7239-build", expose("ipv6(ab:cd:ff:ff:ff:ff:ff:ff),rfc7239_nn", "str(test),rfc7239_nn",
                                      "str(),rfc7239_nn", "src,rfc7239_nn", "int(12),rfc7239_np", "str(test),rfc7239_np",
                                      "str(),rfc7239_np", "int(-1),rfc7239_np", "str(a.b),rfc7239_nn")
         + '\nhttp-request set-var-fmt(txn.f) "for=\\"%[ipv6(::1),rfc7239_nn]:%[str(8888),rfc7239_np]\\";host=\\"haproxy.org\\";proto=http"'
         + '\nhttp-request set-header x-f "%[var(txn.f)] %[var(txn.f),rfc7239_is_valid]"', get("/")),
    # ------------------------------------------------------------- stream facts (issue 21)
    Case("fetch-dump-all-vars", "http-request set-var(txn.name) str(John)\nhttp-request set-var(txn.count) int(42)\n"
         "http-request set-var(txn.data) bin(48656C6C6F)\nhttp-request set-var(txn.on) bool(1)\n"
         "http-request set-var(txn.ip) src\nhttp-request set-var(req.m) method\n"
         + expose("dump_all_vars(txn,na)", "dump_all_vars(txn,co)", "dump_all_vars(txn,da)", "dump_all_vars(txn,on)",
                  "dump_all_vars(txn,ip,;)", "dump_all_vars(req)", "dump_all_vars(res)", "dump_all_vars(txn,zz)",
                  "dump_all_vars(,m)", "tgroup"), get("/")),
    Case("fetch-server-facts", "http-request return status 200 content-type text/plain lf-string "
         "\"%[last_entity,length,bool] %[tgroup]\" if { path /local }\n"
         'http-response set-header x-o "%[server_status] %[bc_reused]"\n'
         'http-after-response set-header x-a "%[server_status]"\n', get("/") + get("/local"), "resp"),
    # ------------------------------------------------------------- FIX converters (issue 21)
    Case("conv-fix", "option http-buffer-request\n"
         + expose("req.body,fix_is_valid", "req.body,fix_tag_value(MsgType)", "req.body,fix_tag_value(49)",
                  "req.body,fix_tag_value(checksum)", "req.body,fix_tag_value(553)",
                  "req.body,bytes(0,40),fix_tag_value(56)", "req.body,bytes(0,84),fix_is_valid",
                  "req.body,regsub(178,177),fix_is_valid", "req.body,regsub(9=63,9=64),fix_is_valid",
                  "req.body,regsub(108=,9999=),fix_is_valid"),
         get("/", "Content-Length: 85|", method="POST", body=FIX_LOGON)),
    # ------------------------------------------------------------- protobuf, ungrpc (issue 21)
    Case("conv-ungrpc", "option http-buffer-request\n"
         + expose("req.body,ungrpc(48.59.1,int32)", "req.body,ungrpc(48.59.2,int32)", "req.body,ungrpc(49.59.1,int32)",
                  "req.body,ungrpc(49.59.2,sint64)", "req.body,ungrpc(48.59),protobuf(1,int32)",
                  "req.body,ungrpc(48),protobuf(59.1,uint64)", "req.body,ungrpc(48.59),hex", "req.body,ungrpc(50)",
                  "req.body,bytes(5),protobuf(49.59.2,int64)", "req.body,ungrpc(48.59.1,fixed32)"),
         get("/", "Content-Length: 51|Content-Type: application/grpc|", method="POST", body=GRPC_RECTANGLE)),
    Case("conv-protobuf-types", "option http-buffer-request\n"
         + expose("req.body,protobuf(3,fixed32)", "req.body,protobuf(4,sfixed32)", "req.body,protobuf(5,float)",
                  "req.body,protobuf(6,fixed64)", "req.body,protobuf(7,double)", "req.body,protobuf(8,sint32)",
                  "req.body,protobuf(9,bool)", "req.body,protobuf(10)", "req.body,protobuf(10,int32)",
                  "req.body,protobuf(3),hex", "req.body,protobuf(7),hex", "req.body,protobuf(8),hex"),
         get("/", "Content-Length: 44|", method="POST", body=PROTOBUF_TYPES)),
    # ------------------------------------------------------------- jwt_verify (issue 21)
    Case("conv-jwt-verify", expose("req.hdr(x-hs),jwt_verify(HS256,secret)", "req.hdr(x-hs),jwt_verify(HS256,wrong)",
                                   "req.hdr(x-hs5),jwt_verify(HS512,secret)", "req.hdr(x-hs),jwt_verify(HS384,secret)",
                                   "req.hdr(x-rs),jwt_verify(RS256,@DIR@/rsa.pub)",
                                   "req.hdr(x-rs),jwt_verify(RS256,@DIR@/rsa1.pub)",
                                   "req.hdr(x-ps),jwt_verify(PS256,@DIR@/rsa.pub)",
                                   "req.hdr(x-es),jwt_verify(ES256,@DIR@/ec.pub)",
                                   "req.hdr(x-es),jwt_verify(RS256,@DIR@/rsa.pub)",
                                   "req.hdr(x-hs),jwt_verify(none,@DIR@/rsa.pub)", "str(a.b.),jwt_verify(none,@DIR@/ec.pub)",
                                   "str(a.b),jwt_verify(HS256,secret)", "str(a.b.c.d),jwt_verify(HS256,secret)",
                                   "str(a.b.),jwt_verify(HS256,secret)", "str(a.b.!!),jwt_verify(HS256,secret)")
         + "\nhttp-request set-var(txn.alg) str(RS256)\nhttp-request set-var(txn.bad) str(XX999)\n"
         + "http-request set-header x-v1 %[req.hdr(x-rs),jwt_verify(txn.alg,@DIR@/rsa.pub)]\n"
         + "http-request set-header x-v2 %[req.hdr(x-rs),jwt_verify(txn.bad,@DIR@/rsa.pub)]\n",
         get("/", "X-HS: %s|X-HS5: %s|X-RS: %s|X-PS: %s|X-ES: %s|" % (JWT_TOKENS["HS256"], JWT_TOKENS["HS512"],
             JWT_TOKENS["RS256"], JWT_TOKENS["PS256"], JWT_TOKENS["ES256"])), files=JWT_KEYS),
    # ------------------------------------------------------------- capture-req/res, when (issue 21)
    Case("conv-capture", "declare capture request len 4\ndeclare capture response len 3\n"
         "http-request set-var(txn.c) req.hdr(x-a),capture-req(0)\n"
         + expose("var(txn.c)", "capture.req.hdr(0)", "req.hdr(x-a),capture-req(1)", "str(),capture-req(0),length")
         + "\nhttp-response set-header x-o \"%[res.hdr(content-length),capture-res(0)] %[capture.res.hdr(0)] "
           "%[str(x),capture-res(5)]\"\n", get("/", "X-A: abcdefgh|"), "resp"),
    Case("conv-when", "acl is_x path /x\n"
         + expose("str(a),when(normal)", "str(b),when(error)", "str(c),when(!error)", "str(d),when(stopping)",
                  "str(e),when(!stopping)", "str(f),when(forwarded)", "str(g),when(acl,is_x)", "str(h),when(!acl,is_x)",
                  "int(7),when(normal),add(1)")
         + '\nhttp-response set-header x-o "%[str(f),when(forwarded)] %[str(n),when(normal)] %[str(e),when(error)]"\n'
         'http-after-response set-header x-a "%[str(e),when(error)] %[str(n),when(normal)]"\n'
         "http-request deny deny_status 503 if { path /deny }\n", get("/x") + get("/deny"), "resp"),
    # ------------------------------------------------------------- map_*_key (issue 21)
    Case("conv-map-key", expose("req.hdr(x-a),map_str_key(@DIR@/k.map)", "req.hdr(x-a),map_beg_key(@DIR@/k.map)",
                                "req.hdr(x-b),map_reg_key(@DIR@/r.map)", "req.hdr(x-b),map_str_key(@DIR@/k.map)",
                                "src,map_ip_key(@DIR@/ip.map)", "int(15),map_int_key(@DIR@/int.map)",
                                "req.hdr(x-a),map_end_key(@DIR@/k.map)", "req.hdr(x-a),map_dom_key(@DIR@/k.map)"),
         get("/", "X-A: www.example.com|X-B: /img/logo.png|"),
         files={"k.map": "www.example.com exact\nwww first-beg\n.com suffix\nexample dom\n",
                "r.map": "^/img/.*\\.png$ png\n^/img/ img\n",
                "ip.map": "10.0.0.0/8 ten\n127.0.0.0/8 loopback\n", "int.map": "7 seven\n15 fifteen\n"}),
]
