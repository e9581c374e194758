package dev.shuttle.listener;

import dev.shuttle.net.BindSocketOptions;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.EnumSet;
import java.util.Set;

/**
 * Prepares and finishes the filesystem side of a unix socket bound to a path.
 *
 * <p>Before binding, a socket file left by a dead process is removed, but only a socket file and
 * only when nothing answers on it. After binding, the {@code mode}, {@code user} and {@code group}
 * bind options (HAProxy manual, section 5.1) are applied to the file.
 */
final class UnixSocketFiles {
    /** {@code S_IFMT} and {@code S_IFSOCK} from {@code <sys/stat.h>}. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private UnixSocketFiles() {
    }

    /** Deletes {@code path} if it is a socket nobody listens on any more. */
    static void removeStale(Path path) throws IOException {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return;
        }
        if ((mode & S_IFMT) != S_IFSOCK) {
            return; // not ours to delete: bind will fail with "Address already in use"
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
        } catch (ConnectException refused) {
            Files.deleteIfExists(path);
        }
    }

    /** Applies the bind options' mode, owner and group to the socket file. */
    static void applyOwnership(Path path, BindSocketOptions options) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        if (options.unixUser() != null) {
            UserPrincipal user = lookup.lookupPrincipalByName(options.unixUser());
            view.setOwner(user);
        }
        if (options.unixGroup() != null) {
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(options.unixGroup());
            view.setGroup(group);
        }
        if (options.unixMode() != null) {
            view.setPermissions(permissions(options.unixMode()));
        }
    }

    /** The permission bits of an octal mode (setuid, setgid and sticky bits are ignored). */
    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] inOrder = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int bit = 0; bit < inOrder.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(inOrder[bit]);
            }
        }
        return set;
    }
}
