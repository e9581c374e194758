package dev.shuttle.config.parse;

import dev.shuttle.lang.ConfigException;
import dev.shuttle.tls.CertificateFiles;
import dev.shuttle.tls.CertificateKey;
import dev.shuttle.tls.SniEntry;
import dev.shuttle.tls.TlsException;
import dev.shuttle.tls.TlsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loads the certificates a {@code crt}, {@code default-crt} or {@code crt-list} line names into the
 * configuration's {@link dev.shuttle.tls.TlsFiles}: a file (relative to {@code crt-base}), a
 * directory of them, or a {@code crt-store} reference ({@code @/alias}, {@code @store/name}). Each
 * file is read once however many lines name it; what it holds that Shuttle cannot use (an OCSP
 * response, DH parameters) is said in a warning.
 */
final class TlsCertificates {
    private TlsCertificates() {}

    /** The entries of a {@code crt} or {@code default-crt} option. */
    static List<SniEntry> crt(KeywordContext line, TlsGlobalSection global, String written, boolean isDefault,
                              String context) throws ConfigException {
        List<SniEntry> entries = new ArrayList<>();
        String path = global.certificatePath(written);
        boolean directory = !written.startsWith("@") && Files.isDirectory(Path.of(path));
        for (String name : names(line, global, written, context)) {
            entries.add(new SniEntry(name, TlsOptions.NONE, List.of(), List.of(), isDefault,
                    directory ? path : ""));
        }
        return entries;
    }

    /** The names of the certificates {@code written} stands for, loading them first if need be. */
    static List<String> names(KeywordContext line, TlsGlobalSection global, String written, String context)
            throws ConfigException {
        if (written.startsWith("@")) {
            String name = global.storeReferences.get(written);
            if (name == null) {
                throw new ConfigException("unable to find certificate '" + written + "' in a crt-store.");
            }
            return List.of(name);
        }
        String path = global.certificatePath(written);
        if (global.files.hasCertificate(path)) {
            return List.of(path);
        }
        Path location = Path.of(path);
        if (Files.isDirectory(location)) {
            List<String> names = new ArrayList<>();
            for (Path file : TlsGlobalKeywords.tls(() -> CertificateFiles.directoryEntries(location))) {
                names.add(load(line, global, file, file.toString(), Optional.empty(), context));
            }
            return names;
        }
        return List.of(load(line, global, location, path, Optional.empty(), context));
    }

    /** Loads one file under {@code name} unless it is loaded already; returns the name. */
    static String load(KeywordContext line, TlsGlobalSection global, Path file, String name, Optional<Path> keyFile,
                       String context) throws ConfigException {
        if (global.files.hasCertificate(name)) {
            return name;
        }
        CertificateFiles.KeyLookup lookup = !global.loadKeyFiles ? CertificateFiles.KeyLookup.NONE
                : global.dropCrtExtension ? CertificateFiles.KeyLookup.SIBLING_WITHOUT_CRT_EXTENSION
                : CertificateFiles.KeyLookup.SIBLING;
        CertificateKey certificate;
        try {
            certificate = CertificateFiles.loadFile(file, name, keyFile, lookup);
        } catch (TlsException e) {
            throw new ConfigException(e.getMessage());
        }
        certificate.notes().forEach(note -> line.warning(context + " : " + note + "."));
        global.files.addCertificate(certificate);
        return name;
    }
}
