package org.gbsettle.jobs.io.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A set of allowed directories, and the check that a file path given from outside the process (an HTTP request, a
 * message) names something inside one of them: after normalisation and after following every symbolic link. A relative
 * path is taken relative to the first directory. Refused, each with its rule named ({@link PathRefusedException}): an
 * empty path, a control character, a {@code %} (percent-encoding is never decoded, so {@code %2e%2e} would otherwise be
 * a confusing literal name), a {@code ..} segment, a path outside every allowed directory, and a path that leads
 * outside through a symbolic link (the real path of the file, or of its deepest existing ancestor, is checked) or
 * cannot be resolved (a dangling link).
 *
 * <p>With no directory configured every path is refused.
 */
public final class PathConfinement {

    private final String setting;
    private final List<Path> directories;
    private final List<Path> realDirectories;

    private PathConfinement(String setting, List<Path> directories, List<Path> realDirectories) {
        this.setting = setting;
        this.directories = List.copyOf(directories);
        this.realDirectories = List.copyOf(realDirectories);
    }

    /**
     * The confinement to {@code directories}.
     *
     * @param setting the setting that lists the directories, named in refusals (e.g. {@code gbsettle.ingest.allowed-dirs})
     * @param directories the allowed directories; relative ones resolve against the working directory
     */
    public static PathConfinement of(String setting, List<Path> directories) {
        Objects.requireNonNull(setting, "setting");
        List<Path> normal = new ArrayList<>();
        List<Path> real = new ArrayList<>();
        for (Path d : directories) {
            Path n = d.toAbsolutePath().normalize();
            normal.add(n);
            real.add(realPath(n).orElse(n));
        }
        return new PathConfinement(setting, normal, real);
    }

    /** The allowed directories, absolute and normalised, in the order given. */
    public List<Path> directories() {
        return directories;
    }

    /**
     * The real path of {@code requested} (symbolic links followed as far as the path exists) if it is inside an
     * allowed directory.
     *
     * @throws PathRefusedException naming the rule the path breaks
     */
    public Path resolve(String requested) {
        Objects.requireNonNull(requested, "requested");
        if (requested.isBlank()) {
            throw new PathRefusedException(requested, "required: the path of a file in " + setting);
        }
        if (requested.chars().anyMatch(Character::isISOControl)) {
            throw new PathRefusedException(requested, "contains a control character");
        }
        if (requested.indexOf('%') >= 0) {
            throw new PathRefusedException(
                    requested, "contains '%': percent-encoding is not decoded, give the file's name as it is");
        }
        if (directories.isEmpty()) {
            throw new PathRefusedException(
                    requested, "no directory is allowed: " + setting + " is not set, so no path is accepted");
        }
        Path path;
        try {
            path = Path.of(requested);
        } catch (InvalidPathException e) {
            throw new PathRefusedException(requested, "not a valid path: " + e.getReason());
        }
        for (Path part : path) {
            if ("..".equals(part.toString())) {
                throw new PathRefusedException(
                        requested, "contains '..': name the file inside " + setting + " directly");
            }
        }
        Path absolute = (path.isAbsolute() ? path : directories.get(0).resolve(path)).normalize();
        if (inside(absolute, directories).isEmpty()) {
            throw new PathRefusedException(
                    requested, "outside the allowed directories (" + setting + ": " + describe() + ")");
        }
        Path real = realPath(absolute)
                .orElseThrow(() -> new PathRefusedException(
                        requested, "cannot be resolved: a dangling symbolic link or a directory that cannot be read"));
        if (inside(real, realDirectories).isEmpty()) {
            throw new PathRefusedException(
                    requested,
                    "leads outside the allowed directories (" + setting + ") through a symbolic link, to " + real);
        }
        return real;
    }

    private String describe() {
        return String.join(", ", directories.stream().map(Path::toString).toList());
    }

    private static Optional<Path> inside(Path path, List<Path> dirs) {
        return dirs.stream().filter(path::startsWith).findFirst();
    }

    /**
     * The real path of an absolute, normalised path: of the path itself if it exists, else of its deepest existing
     * ancestor with the rest appended (the rest names nothing yet, so no link in it can be followed).
     */
    private static Optional<Path> realPath(Path absolute) {
        Path existing = absolute;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Optional.of(absolute);
        }
        try {
            return Optional.of(
                    existing.toRealPath().resolve(existing.relativize(absolute)).normalize());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
