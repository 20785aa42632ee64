package io.shopstack.cli.command;

import io.shopstack.cli.LocalPlatform;
import picocli.CommandLine;

/** Gives every command that wants it the platform it works on, so tests can hand in their own environment. */
final class CommandFactory implements CommandLine.IFactory {

    private final LocalPlatform platform;

    CommandFactory(LocalPlatform platform) {
        this.platform = platform;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        try {
            return type.getDeclaredConstructor(LocalPlatform.class).newInstance(platform);
        } catch (NoSuchMethodException noPlatformNeeded) {
            return CommandLine.defaultFactory().create(type);
        }
    }
}
