package io.shopstack.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LocalGitRepositoryCloningTest {

    @Test
    void fileUrisBecomeAbsolutePathsSoThatTheRepositoryIsCloned() {
        assertThat(LocalGitRepositoryCloning.localPath("file:///work/main")).isEqualTo("/work/main");
        assertThat(LocalGitRepositoryCloning.localPath("file:///work/main/")).isEqualTo("/work/main");
        assertThat(LocalGitRepositoryCloning.localPath("file:/work/main")).isEqualTo("/work/main");
        assertThat(LocalGitRepositoryCloning.localPath("file:///work/my%20repo"))
                .isEqualTo("/work/my repo");
        assertThat(LocalGitRepositoryCloning.localPath("file:///work/my repo")).isEqualTo("/work/my repo");
        assertThat(LocalGitRepositoryCloning.localPath("file:relative/repo"))
                .isEqualTo(Path.of("relative/repo").toAbsolutePath().toString());
    }
}
