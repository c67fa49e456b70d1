package io.streamplatform.clients;

import io.streamplatform.common.ClientConfig;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --client-config FILE}, an app's Kafka client security settings ({@link ClientConfig}), with the environment
 * variable {@value ClientConfig#ENV} as its default. Added to an app's command line by {@link #addTo}; the file is
 * read by {@link #load} after parsing, so a bad file is one error line rather than a usage message.
 */
public final class ClientConfigOption {
    private final OptionSpec option;

    private ClientConfigOption(OptionSpec option) {
        this.option = option;
    }

    /** Adds the option to {@code cl}, before {@code --help} and {@code --version}. Call before parsing. */
    public static ClientConfigOption addTo(CommandLine cl) {
        OptionSpec option = OptionSpec.builder(ClientConfig.OPTION)
                .paramLabel("FILE")
                .type(String.class)
                .defaultValue("${env:" + ClientConfig.ENV + "}")
                .description("Kafka client security settings for every client of the app: a Java properties file with "
                        + "security.protocol, ssl.*, sasl.* and config.providers* keys, like the Kafka tools' --command-config (env "
                        + ClientConfig.ENV + "; default: none, plaintext).")
                .build();
        CommandSpec spec = cl.getCommandSpec();
        List<OptionSpec> help = spec.options().stream().filter(o -> o.usageHelp() || o.versionHelp()).toList();
        help.forEach(spec::remove);
        spec.addOption(option);
        help.forEach(spec::addOption);
        return new ClientConfigOption(option);
    }

    /** The file's settings (empty without a file). @throws ClientConfig.Invalid with a one-line message */
    public Map<String, String> load() {
        return ClientConfig.load(option.getValue());
    }
}
