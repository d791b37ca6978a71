import java.io.File;
import java.util.Properties;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;

/**
 * Oracle for the differential test: asks ZooKeeper's own parser whether a zoo.cfg would start.
 * For each path it runs QuorumPeerConfig.parse (what QuorumPeerMain does first) and then the one
 * start-up check that needs no port, QuorumPeer.start's "My id N not in the peer list".
 * Prints one line per path: RESULT \t path \t ACCEPTED | REFUSED \t message.
 */
public final class ZkConfigCheck {

    public static void main(String[] paths) {
        for (String path : paths) {
            System.out.println("RESULT\t" + path + "\t" + verdict(path));
        }
        System.out.flush();
    }

    private static String verdict(String path) {
        // parse() turns unknown keys into system properties and sets two static flags:
        // start every case from the same JVM state so cases cannot leak into each other.
        Properties systemProperties = (Properties) System.getProperties().clone();
        QuorumPeerConfig.setStandaloneEnabled(true);
        QuorumPeerConfig.setReconfigEnabled(false);
        // With reconfigEnabled, parse() backs the file up as <path>.bak; the tree must stay as written.
        File backup = new File(path + ".bak");
        boolean backupExisted = backup.exists();
        try {
            QuorumPeerConfig config = new QuorumPeerConfig();
            config.parse(path);
            if (config.isDistributed() && !config.getServers().containsKey(config.getServerId())) {
                return "REFUSED\tMy id " + config.getServerId() + " not in the peer list";
            }
            return "ACCEPTED";
        } catch (Throwable refusal) {
            return "REFUSED\t" + describe(refusal);
        } finally {
            System.setProperties(systemProperties);
            if (!backupExisted) {
                backup.delete();
            }
        }
    }

    /** The message with its cause chain, on one line (tabs and newlines would break the RESULT format). */
    private static String describe(Throwable refusal) {
        StringBuilder text = new StringBuilder(
            refusal instanceof QuorumPeerConfig.ConfigException ? String.valueOf(refusal.getMessage()) : name(refusal));
        for (Throwable cause = refusal.getCause(); cause != null; cause = cause.getCause()) {
            text.append(": ").append(name(cause));
        }
        return text.toString().replaceAll("[\\t\\r\\n]+", " ");
    }

    private static String name(Throwable t) {
        String simpleName = t.getClass().getSimpleName();
        return t.getMessage() == null ? simpleName : simpleName + ": " + t.getMessage();
    }
}
