package io.secperf.ext;

import java.beans.BeanInfo;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.File;
import java.util.List;

import javax.swing.JMenu;
import javax.swing.JMenuItem;

import org.apache.jmeter.gui.util.MenuFactory;
import org.apache.jmeter.samplers.Sampler;
import org.apache.jmeter.testbeans.TestBean;
import org.apache.jmeter.util.JMeterUtils;
import org.apache.jorphan.reflect.ClassFinder;

/**
 * Runs inside a forked JVM on a stock JMeter home's class path ({@code lib/*}, {@code lib/ext/*}) and asks JMeter's
 * own GUI discovery what it sees: {@link ClassFinder#findClassesThatExtend} over {@link JMeterUtils#getSearchPaths()}
 * (the scan MenuFactory does for its menus), each secperf sampler's BeanInfo through {@link Introspector}, and the
 * items of the real "Add > Sampler" menu that {@link MenuFactory} builds. Prints one tab-separated fact per line.
 *
 * <p>Not a test itself: {@link StockJMeterDiscoveryTest} starts it and checks its output.
 */
public final class GuiDiscoveryProbe {

    private GuiDiscoveryProbe() {
    }

    /** @param args the JMeter home */
    @SuppressWarnings("deprecation") // ClassFinder is what MenuFactory itself calls in 5.6.3
    public static void main(String[] args) throws Exception {
        String home = new File(args[0]).getAbsolutePath();
        // what JMeter's start-up does before the GUI builds its menus
        JMeterUtils.setJMeterHome(home);
        JMeterUtils.loadJMeterProperties(home + File.separator + "bin" + File.separator + "jmeter.properties");
        JMeterUtils.initLocale();

        List<String> samplers = ClassFinder.findClassesThatExtend(JMeterUtils.getSearchPaths(),
                new Class<?>[] {Sampler.class});
        System.out.println("samplers\t" + samplers.size());
        for (String name : samplers) {
            if (!name.startsWith("io.secperf.")) {
                continue;
            }
            System.out.println("found\t" + name);
            Class<?> type = Class.forName(name);
            if (!TestBean.class.isAssignableFrom(type)) {
                continue;
            }
            BeanInfo info = Introspector.getBeanInfo(type);
            System.out.println("bean\t" + name + "\t" + info.getBeanDescriptor().getDisplayName());
            for (PropertyDescriptor p : info.getPropertyDescriptors()) {
                if (p.getWriteMethod() == null) {
                    continue;
                }
                System.out.println("property\t" + name + "\t" + p.getName() + "\t" + p.getDisplayName() + "\t"
                        + p.getShortDescription());
            }
        }
        JMenu menu = MenuFactory.makeMenu(MenuFactory.SAMPLERS, "Add");
        for (int i = 0; i < menu.getItemCount(); i++) {
            JMenuItem item = menu.getItem(i);
            if (item != null) {
                System.out.println("menu\t" + item.getText() + "\t" + item.getName());
            }
        }
        System.out.println("done");
    }
}
