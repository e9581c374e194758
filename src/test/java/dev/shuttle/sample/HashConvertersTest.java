package dev.shuttle.sample;

import static dev.shuttle.sample.SampleConvertersTest.bin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every expected value here was captured from haproxy 2.6 (lf-string "%[str(...),converter]", or
 * "%[req.fhdr(x-in),converter]" for the long inputs of the xxHash table).
 */
class HashConvertersTest {
    private final SampleConvertersTest.Harness h = new SampleConvertersTest.Harness(HashConverters::register);
    private static final String FOX = "The quick brown fox jumps over the lazy dog";

    private String run(String name, String input, Object... args) {
        return h.text(name, Sample.str(input), args);
    }

    private String hex(String name, String input, Object... args) {
        return java.util.HexFormat.of().withUpperCase().formatHex(h.run(name, Sample.str(input), args).orElseThrow().asBytes());
    }

    @Test
    void loadBalancingHashes() {
        assertEquals("193485963", run("djb2", "abc"));
        assertEquals("2235766107", run("djb2", "abc", 1L));
        assertEquals("807794786", run("sdbm", "abc"));
        assertEquals("659243622", run("sdbm", "abc", 1L));
        assertEquals("2483038440", run("wt6", "abc"));
        assertEquals("266135527", run("wt6", "abc", 1L));
        assertEquals("891568578", run("crc32", "abc"));
        assertEquals("930845320", run("crc32", "abc", 1L));
        assertEquals("910901175", run("crc32c", "abc"));
        assertEquals("1285784220", run("crc32c", "abc", 1L));
        assertEquals("5381", run("djb2", ""));
        assertEquals("0", run("sdbm", ""));
        assertEquals("4187620192", run("wt6", ""));
        assertEquals("0", run("crc32", ""));
        assertEquals("0", run("crc32c", ""));
        assertEquals("885799134", run("djb2", FOX));
        assertEquals("2359783795", run("sdbm", FOX));
        assertEquals("3840389189", run("wt6", FOX));
        assertEquals("2386649459", run("wt6", FOX, 1L));
        assertEquals("1095738169", run("crc32", FOX));
        assertEquals("576848900", run("crc32c", FOX));
        assertEquals("193485963", run("djb2", "abc", 0L), "only 1 asks for the avalanche");
    }

    @Test
    void bytesAbove0x7fAreHashedUnsigned() {
        assertEquals("2095777059", h.text("djb2", bin("ff80007f")));
        assertEquals("2538712896", h.text("sdbm", bin("ff80007f")));
        assertEquals("3040030017", h.text("wt6", bin("ff80007f")));
    }

    @Test
    void xxHashOnShortInputs() {
        assertEquals("852579327", run("xxh32", "abc"));
        assertEquals("2856167679", run("xxh32", "abc", 1L));
        assertEquals("2989167648", run("xxh32", "abc", -1L));
        assertEquals("4952883123889572249", run("xxh64", "abc"));
        assertEquals("-4708009277469325048", run("xxh64", "abc", 1L));
        assertEquals("2895935887265243510", run("xxh64", "abc", -1L));
        assertEquals("8696274497037089104", run("xxh3", "abc"));
        assertEquals("7729416884403528232", run("xxh3", "abc", 1L));
        assertEquals("-5752995443491633966", run("xxh3", "", 42L));
        assertEquals("3898516702", run("xxh32", FOX));
        assertEquals("802816344064684476", run("xxh64", FOX));
        assertEquals("-3567667132247329947", run("xxh3", FOX));
        assertEquals("-2766520116048260525", run("xxh3", FOX, 123456789L));
    }

    /** Inputs of every length class of each algorithm: "0123456789abcdefghijklmnopqrstuvwxyz" repeated, cut at {@code length}. */
    @ParameterizedTest(name = "{0}({1}) of {2} bytes")
    @CsvSource(textBlock = """
            xxh3, 0, 0, 3244421341483603138
            xxh3, 1, 0, 5604079703740606211
            xxh3, 1234567890123, 0, 5954455863734047567
            xxh3, -7, 0, 688000891968069273
            xxh64, 0, 0, -1205034819632174695
            xxh64, 99, 0, 5463699617135816954
            xxh32, 0, 0, 46947589
            xxh32, 99, 0, 3700717017
            xxh3, 0, 1, 1838281907459330133
            xxh3, 1, 1, -7026901951482003357
            xxh3, 1234567890123, 1, 944724167821933955
            xxh3, -7, 1, -1889154600529871668
            xxh64, 0, 1, 7148434200721666028
            xxh64, 99, 1, 6226050691710238858
            xxh32, 0, 1, 1212501170
            xxh32, 99, 1, 3452314126
            xxh3, 0, 2, -3198977815670892919
            xxh3, 1, 2, 5155983831657450266
            xxh3, 1234567890123, 2, 1955014767558575243
            xxh3, -7, 2, -746995532464854841
            xxh64, 0, 2, 7985175132151673077
            xxh64, 99, 2, -527959515899965798
            xxh32, 0, 2, 55379057
            xxh32, 99, 2, 2191261809
            xxh3, 0, 3, -8155259216847282800
            xxh3, 1, 3, -7315886577194819910
            xxh3, 1234567890123, 3, 2535394983161870774
            xxh3, -7, 3, -5888778287725601317
            xxh64, 0, 3, 2030502532415280957
            xxh64, 99, 3, -7517102188967001995
            xxh32, 0, 3, 1207997591
            xxh32, 99, 3, 3358416646
            xxh3, 0, 4, -8455176653501671093
            xxh3, 1, 4, 706163161253562933
            xxh3, 1234567890123, 4, -5824410405550177010
            xxh3, -7, 4, 5805511758181668924
            xxh64, 0, 4, 5490740253123968459
            xxh64, 99, 4, -2409347175668673234
            xxh32, 0, 4, 168512659
            xxh32, 99, 4, 3506748676
            xxh3, 0, 5, 2843081338514399474
            xxh3, 1, 5, 8973153018594358583
            xxh3, 1234567890123, 5, 6382327085598403535
            xxh3, -7, 5, -1977212451203328026
            xxh64, 0, 5, 3804218074556952421
            xxh64, 99, 5, -4021406440473745098
            xxh32, 0, 5, 2325985052
            xxh32, 99, 5, 1125215116
            xxh3, 0, 8, 1731884802940073542
            xxh3, 1, 8, -1747549887312274909
            xxh3, 1234567890123, 8, -8714488910823726358
            xxh3, -7, 8, 6676323266850774359
            xxh64, 0, 8, -1965220197025931969
            xxh64, 99, 8, 4909258638531000310
            xxh32, 0, 8, 412860351
            xxh32, 99, 8, 3583977201
            xxh3, 0, 9, 4274641511907055575
            xxh3, 1, 9, 3389960422677358869
            xxh3, 1234567890123, 9, 1199640458236991303
            xxh3, -7, 9, -2154852523639746335
            xxh64, 0, 9, 4894508053845540128
            xxh64, 99, 9, -6657607454270617818
            xxh32, 0, 9, 76797492
            xxh32, 99, 9, 837704303
            xxh3, 0, 15, 1998023949494774479
            xxh3, 1, 15, 1129086077525341941
            xxh3, 1234567890123, 15, 7548845465723482557
            xxh3, -7, 15, 2883165078653327756
            xxh64, 0, 15, 5455295319615892045
            xxh64, 99, 15, 3935801381150793650
            xxh32, 0, 15, 498989583
            xxh32, 99, 15, 597685209
            xxh3, 0, 16, 7224786756799439149
            xxh3, 1, 16, -8587095857415886257
            xxh3, 1234567890123, 16, 3029015863573335420
            xxh3, -7, 16, -438360950893982777
            xxh64, 0, 16, 6655072042875317515
            xxh64, 99, 16, -2849678576661696923
            xxh32, 0, 16, 3267648361
            xxh32, 99, 16, 1678868789
            xxh3, 0, 17, -3249840995370574798
            xxh3, 1, 17, -2257929333376092957
            xxh3, 1234567890123, 17, 3390468874736361581
            xxh3, -7, 17, 3641062449544484936
            xxh64, 0, 17, -9207910219868662523
            xxh64, 99, 17, 5769856956959425571
            xxh32, 0, 17, 3430527511
            xxh32, 99, 17, 277376116
            xxh3, 0, 32, -1791738471518708136
            xxh3, 1, 32, 2226463541184447004
            xxh3, 1234567890123, 32, 2449968615256656908
            xxh3, -7, 32, -8467524750778082955
            xxh64, 0, 32, -4648667275602835742
            xxh64, 99, 32, -6046137931495221425
            xxh32, 0, 32, 4021364525
            xxh32, 99, 32, 1155312227
            xxh3, 0, 33, -1758435396034078416
            xxh3, 1, 33, 6491372148554212672
            xxh3, 1234567890123, 33, -6740081935486043398
            xxh3, -7, 33, -7957358376074172708
            xxh64, 0, 33, -1624634094725696588
            xxh64, 99, 33, -5469186055562200171
            xxh32, 0, 33, 2468562040
            xxh32, 99, 33, 3913432362
            xxh3, 0, 64, -678198269876115428
            xxh3, 1, 64, -6561879035745111920
            xxh3, 1234567890123, 64, 5535293177728242136
            xxh3, -7, 64, -2976812255068964339
            xxh64, 0, 64, 4852334136492110859
            xxh64, 99, 64, 8422088944957100855
            xxh32, 0, 64, 3991547321
            xxh32, 99, 64, 3856687845
            xxh3, 0, 65, 786422269161653370
            xxh3, 1, 65, 5365465953711372644
            xxh3, 1234567890123, 65, -1071774422768284929
            xxh3, -7, 65, -5779645208300649700
            xxh64, 0, 65, 6635309181741849984
            xxh64, 99, 65, -7721722259885880912
            xxh32, 0, 65, 4151937761
            xxh32, 99, 65, 195164446
            xxh3, 0, 96, 7944921924474752029
            xxh3, 1, 96, -6090690847560083454
            xxh3, 1234567890123, 96, 1823852593863854927
            xxh3, -7, 96, 6670683260220437382
            xxh64, 0, 96, -3858711223265523896
            xxh64, 99, 96, 3616353695649447445
            xxh32, 0, 96, 1731418403
            xxh32, 99, 96, 2359249488
            xxh3, 0, 97, 1294435506717109718
            xxh3, 1, 97, 4238847532869197300
            xxh3, 1234567890123, 97, 713520944911386557
            xxh3, -7, 97, 4855298153283167929
            xxh64, 0, 97, 2600599596420723857
            xxh64, 99, 97, 6339764382987013909
            xxh32, 0, 97, 3817922848
            xxh32, 99, 97, 2740932494
            xxh3, 0, 128, -4287308083643981920
            xxh3, 1, 128, 6161408606162467144
            xxh3, 1234567890123, 128, -508967562898054772
            xxh3, -7, 128, -1430215216417416945
            xxh64, 0, 128, -1533098371405807871
            xxh64, 99, 128, -5799839738430970845
            xxh32, 0, 128, 1038360487
            xxh32, 99, 128, 3507488736
            xxh3, 0, 129, -7898374172027218051
            xxh3, 1, 129, 590060896712412054
            xxh3, 1234567890123, 129, -2082673698468337774
            xxh3, -7, 129, 628520106011049729
            xxh64, 0, 129, -3239595405749499042
            xxh64, 99, 129, 8590336143880187052
            xxh32, 0, 129, 957024803
            xxh32, 99, 129, 1323806314
            xxh3, 0, 130, -5119015790879561749
            xxh3, 1, 130, 7473820433450054886
            xxh3, 1234567890123, 130, 5567091723632229465
            xxh3, -7, 130, 14487901871080440
            xxh64, 0, 130, -781775667020957936
            xxh64, 99, 130, 354105623165371009
            xxh32, 0, 130, 2953960212
            xxh32, 99, 130, 3898227118
            xxh3, 0, 200, -8585809158763801723
            xxh3, 1, 200, 4212064838430584668
            xxh3, 1234567890123, 200, 7551432310316892620
            xxh3, -7, 200, -4506520623841308445
            xxh64, 0, 200, -1108393315251164109
            xxh64, 99, 200, -6509956304393379212
            xxh32, 0, 200, 2498297296
            xxh32, 99, 200, 3094711333
            xxh3, 0, 240, -1912396517935222420
            xxh3, 1, 240, 7626919870603048758
            xxh3, 1234567890123, 240, -8057023653893261956
            xxh3, -7, 240, 5627239064379193859
            xxh64, 0, 240, -2200242769595018911
            xxh64, 99, 240, 5820093696469970228
            xxh32, 0, 240, 3383015668
            xxh32, 99, 240, 3689031659
            xxh3, 0, 241, -2746581613392757915
            xxh3, 1, 241, -3167163870022127933
            xxh3, 1234567890123, 241, 4303930542123162534
            xxh3, -7, 241, 6113173600933206030
            xxh64, 0, 241, -8460015947934525476
            xxh64, 99, 241, -835934941332740267
            xxh32, 0, 241, 2835673288
            xxh32, 99, 241, 1376374543
            xxh3, 0, 255, -8793990199624110338
            xxh3, 1, 255, -5076314361098067577
            xxh3, 1234567890123, 255, 1878696493728172612
            xxh3, -7, 255, -8032819841029937810
            xxh64, 0, 255, 6601426118683432490
            xxh64, 99, 255, 6856495965534550490
            xxh32, 0, 255, 3727780731
            xxh32, 99, 255, 554970343
            xxh3, 0, 256, 5520466144667877555
            xxh3, 1, 256, -1234977036118640503
            xxh3, 1234567890123, 256, -7200026005239377622
            xxh3, -7, 256, -5373394176702107592
            xxh64, 0, 256, 2490561171469148179
            xxh64, 99, 256, 1914285021682677740
            xxh32, 0, 256, 917710831
            xxh32, 99, 256, 945864997
            xxh3, 0, 1023, 7771236804039228367
            xxh3, 1, 1023, 5930678852128157192
            xxh3, 1234567890123, 1023, 2315196400464724272
            xxh3, -7, 1023, 5634395038021840503
            xxh64, 0, 1023, -3193792646809122088
            xxh64, 99, 1023, 4231131136376970670
            xxh32, 0, 1023, 2753285262
            xxh32, 99, 1023, 950692987
            xxh3, 0, 1024, 125845571453882141
            xxh3, 1, 1024, -5663869263753923161
            xxh3, 1234567890123, 1024, 7582000770848990791
            xxh3, -7, 1024, -8147129493824422370
            xxh64, 0, 1024, 4658648403302301829
            xxh64, 99, 1024, 4790619218144778022
            xxh32, 0, 1024, 169976943
            xxh32, 99, 1024, 124221959
            xxh3, 0, 1025, -4852764042582029907
            xxh3, 1, 1025, -6563658285368756555
            xxh3, 1234567890123, 1025, 7923183936487210992
            xxh3, -7, 1025, -5118819963289505871
            xxh64, 0, 1025, 7075699696904533681
            xxh64, 99, 1025, 1142803201054080775
            xxh32, 0, 1025, 3311059865
            xxh32, 99, 1025, 2541756873
            xxh3, 0, 1100, 4800286952968883697
            xxh3, 1, 1100, 7968489705536560561
            xxh3, 1234567890123, 1100, 3852577677898409777
            xxh3, -7, 1100, -8962713458462744818
            xxh64, 0, 1100, -8855780670957429399
            xxh64, 99, 1100, 5822866852759805356
            xxh32, 0, 1100, 1351962714
            xxh32, 99, 1100, 3816390141
            xxh3, 0, 2047, 5095465194900632667
            xxh3, 1, 2047, 6731871106564680433
            xxh3, 1234567890123, 2047, -2242889587931164352
            xxh3, -7, 2047, -7999678640664688641
            xxh64, 0, 2047, -5249029899433905600
            xxh64, 99, 2047, -1866727679403820690
            xxh32, 0, 2047, 2128568655
            xxh32, 99, 2047, 1994083623
            xxh3, 0, 2048, 7137645057434436456
            xxh3, 1, 2048, 7661331903929728075
            xxh3, 1234567890123, 2048, 1914131949739288699
            xxh3, -7, 2048, 5003413936638318818
            xxh64, 0, 2048, -5006413582069578918
            xxh64, 99, 2048, 7224127763783964057
            xxh32, 0, 2048, 3591379808
            xxh32, 99, 2048, 866753973
            xxh3, 0, 2100, -3869480508020548364
            xxh3, 1, 2100, -3915685001200216463
            xxh3, 1234567890123, 2100, 4910508532088155337
            xxh3, -7, 2100, -3719288391970019217
            xxh64, 0, 2100, 8615360765158212039
            xxh64, 99, 2100, -7735676156440367075
            xxh32, 0, 2100, 2452305319
            xxh32, 99, 2100, 223803524
            xxh3, 0, 4000, 4965566693381987361
            xxh3, 1, 4000, -5844540265544069780
            xxh3, 1234567890123, 4000, -2600270031623934067
            xxh3, -7, 4000, -5506113483302292589
            xxh64, 0, 4000, 3236916149090148668
            xxh64, 99, 4000, 3528050494822448364
            xxh32, 0, 4000, 136358954
            xxh32, 99, 4000, 2233923838
            """)
    void xxHashAcrossLengthClasses(String name, long seed, int length, long expected) {
        String input = "0123456789abcdefghijklmnopqrstuvwxyz".repeat(200).substring(0, length);
        Object[] args = seed == 0 && name.equals("xxh3") ? new Object[0] : new Object[] {seed};
        assertEquals(Long.toString(expected), run(name, input, args));
    }

    @Test
    void digests() {
        assertEquals("A9993E364706816ABA3E25717850C26C9CD0D89D", hex("sha1", "abc"));
        assertEquals("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", hex("sha2", "abc"));
        assertEquals("23097D223405D8228642A477BDA255B32AADBCE4BDA0B3F7E36C9DA7", hex("sha2", "abc", 224L));
        assertEquals("CB00753F45A35E8BB5A03D699AC65007272C32AB0EDED1631A8B605A43FF5BED8086072BA1E7CC2358BAECA134C825A7",
                hex("sha2", "abc", 384L));
        assertEquals("DDAF35A193617ABACC417349AE20413112E6FA4E89A97EA20A9EEEE64B55D39A2192992A274FC1A836BA3C23A3FEEBBD"
                + "454D4423643CE80E2A9AC94FA54CA49F", hex("sha2", "abc", 512L));
        assertEquals("900150983CD24FB0D6963F7D28E17F72", hex("digest", "abc", "md5"));
        assertEquals("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", hex("digest", "abc", "sha256"));
        assertEquals("A9993E364706816ABA3E25717850C26C9CD0D89D", hex("digest", "abc", "SHA1"));
        assertTrue(h.refused("sha2", 100L).contains("Unsupported number of bits"));
        assertTrue(h.refused("digest", "nosuchdigest").contains("failed to get message digest"));
    }

    @Test
    void hmacKeysAreBase64TextOrVariables() {
        assertEquals("9C196E32DC0175F86F4B1CB89289D6619DE6BEE699E4C378E68309ED97A1A6AB", hex("hmac", "abc", "sha256", "a2V5"));
        assertEquals("D2FE98063F876B03193AFB49B4979591", hex("hmac", "abc", "md5", "a2V5"));
        assertEquals("9B4A918F398D74D3E367970ABA3CBE54E4D2B5D9", hex("hmac", "abc", "sha1", ""));
        h.set("txn.key", Sample.str("a2V5"));
        assertEquals("9C196E32DC0175F86F4B1CB89289D6619DE6BEE699E4C378E68309ED97A1A6AB", hex("hmac", "abc", "sha256", "txn.key"));
        assertEquals("<none>", run("hmac", "abc", "sha256", "txn.missing"));
        h.set("txn.bad", Sample.str("!!"));
        assertEquals("<none>", run("hmac", "abc", "sha256", "txn.bad"));
        assertTrue(h.refused("hmac", "sha256", "!!").contains("base64"));
        assertTrue(h.refused("hmac", "nosuch", "a2V5").contains("failed to get message digest"));
    }

    @Test
    void hashesReadTheBytesOfTheirInput() {
        byte[] raw = "abc".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("193485963", h.text("djb2", Sample.bin(raw)));
    }
}
