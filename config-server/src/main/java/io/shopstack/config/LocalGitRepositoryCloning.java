package io.shopstack.config;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.config.server.environment.AbstractScmEnvironmentRepository;
import org.springframework.cloud.config.server.environment.JGitEnvironmentRepository;
import org.springframework.cloud.config.server.environment.MultipleJGitEnvironmentRepository;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.nio.file.Path;

/**
 * Makes the git backend clone a local repository given as a {@code file:} URI instead of working in it.
 * <p>
 * Spring Cloud Config uses a {@code file:} repository <em>in place</em>: it never clones it, serves whatever is in its
 * work tree (uncommitted edits included), runs {@code git checkout <label>} in it (switching the developer's branch)
 * and, with the monitor on the classpath, watches the whole tree. Given as a plain path, the same repository is
 * cloned into the server's own base directory and fetched on each request, so only committed content of the label is
 * served and the developer's checkout is left alone.
 */
@Component
class LocalGitRepositoryCloning implements BeanPostProcessor {

    private static final String FILE_PREFIX = "file:";

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof JGitEnvironmentRepository repository) {
            cloneInsteadOfUsingInPlace(repository);
            if (repository instanceof MultipleJGitEnvironmentRepository multiple && multiple.getRepos() != null) {
                multiple.getRepos().values().forEach(LocalGitRepositoryCloning::cloneInsteadOfUsingInPlace);
            }
        }
        return bean;
    }

    private static void cloneInsteadOfUsingInPlace(AbstractScmEnvironmentRepository repository) {
        String uri = repository.getUri();
        if (uri != null && uri.startsWith(FILE_PREFIX) && !uri.contains("{")) {
            repository.setUri(localPath(uri));
        }
    }

    /** {@code file:///a/b}, {@code file:/a/b} and {@code file://a/b}-style typos become an absolute path. */
    static String localPath(String fileUri) {
        try {
            URI uri = URI.create(fileUri);
            if (!uri.isOpaque()
                    && uri.getPath() != null
                    && (uri.getAuthority() == null || uri.getAuthority().isEmpty())) {
                return Path.of(uri).toAbsolutePath().normalize().toString();
            }
        } catch (IllegalArgumentException e) {
            // not a valid URI (spaces, relative path): fall through to plain prefix stripping
        }
        String path = fileUri.substring(FILE_PREFIX.length());
        if (path.startsWith("//")) {
            path = path.substring(2);
        }
        return Path.of(path).toAbsolutePath().normalize().toString();
    }
}
