import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Checks that a screenshot of a run report is not blank: enough non-white pixels (text, tables, axes) and enough
 * coloured ones (the chart lines, which are the only saturated colours on the page). Run as a single-file program:
 * {@code java scripts/report/ScreenshotCheck.java SHOT.png [MIN_INK_FRACTION] [MIN_COLOURED_PIXELS]}; prints the counts
 * and exits 0 if both are met, 1 if not, 2 on bad arguments or an unreadable image.
 */
public final class ScreenshotCheck {

    private ScreenshotCheck() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: ScreenshotCheck SHOT.png [MIN_INK_FRACTION] [MIN_COLOURED_PIXELS]");
            System.exit(2);
        }
        double minInk = args.length > 1 ? Double.parseDouble(args[1]) : 0.01;
        long minColoured = args.length > 2 ? Long.parseLong(args[2]) : 2000;
        BufferedImage image = ImageIO.read(new File(args[0]));
        if (image == null) {
            System.err.println("not an image: " + args[0]);
            System.exit(2);
        }
        long total = (long) image.getWidth() * image.getHeight();
        long ink = 0;
        long coloured = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r < 240 || g < 240 || b < 240) {
                    ink++;
                }
                int max = Math.max(r, Math.max(g, b));
                int min = Math.min(r, Math.min(g, b));
                if (max - min > 60) {
                    coloured++;
                }
            }
        }
        double fraction = (double) ink / total;
        boolean ok = fraction >= minInk && coloured >= minColoured;
        System.out.printf(
                Locale.ROOT,
                "%s: %dx%d, non-white %.2f %% (at least %.2f %%), coloured pixels %d (at least %d): %s%n",
                args[0],
                image.getWidth(),
                image.getHeight(),
                100 * fraction,
                100 * minInk,
                coloured,
                minColoured,
                ok ? "not blank" : "BLANK or no charts");
        System.exit(ok ? 0 : 1);
    }
}
