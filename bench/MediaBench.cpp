// Reading customers' photos of shopping lists: Tesseract's time per photo (English, a
// "photographed" list, Devanagari, a long list), the memory it takes, and how many of the
// list's items end up as the right product of the demo store's catalog.
//
// Usage: shopdesk-bench-media [--runs 5]
// One JSON object per line: {"bench", "value", "unit"}.
#include "BenchSupport.h"
#include "ShoppingListImage.h"

#include "agent/OrderTextParser.h"
#include "catalog/ProductMatcher.h"
#include "demo/DemoStoreLoader.h"
#include "reading/ListOcr.h"
#include "storage/DatabaseUrl.h"
#include "storage/Store.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QTemporaryDir>

using namespace shopdesk;
using namespace shopdesk::bench;
using shopdesk::test::ShoppingListImage;

namespace {

double rssMb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

void report(const char *name, double value, const char *unit)
{
    printLine({{QStringLiteral("bench"), QLatin1String(name)},
               {QStringLiteral("value"), value},
               {QStringLiteral("unit"), QLatin1String(unit)}});
}

struct Case
{
    const char *name;
    QStringList lines;  // what is written
    QStringList expect; // the product each line means (its name in the demo catalog)
    ShoppingListImage::Look look;
    QString font;
};

QStringList utf8(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *i : items)
        out << QString::fromUtf8(i);
    return out;
}

// Items whose best match is the product the line means.
int recovered(const ListOcr::Text &text, const QStringList &expect, const ProductMatcher &m)
{
    int right = 0;
    const QList<ProductMatcher::Match> matches = m.matchOrder(text.joined());
    QStringList found;
    for (const auto &match : matches) {
        if (match.best() >= 0)
            found << m.product(match.best()).name;
    }
    for (const QString &want : expect)
        right += found.contains(want) ? 1 : 0;
    return right;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv); // the lists are drawn with Qt's fonts
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Reads per photo."),
                      QStringLiteral("n"), QStringLiteral("5")});
    parser.process(app);
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());

    QTemporaryDir dir;
    auto url = DatabaseUrl::parse(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("d.db")));
    std::unique_ptr<Store> store = need(Store::open(url.value()));
    const qint64 tenant = need(DemoStoreLoader::load(*store, false)).tenantId;
    const ProductMatcher matcher(need(store->catalog().products(tenant)));

    const QString sans = QStringLiteral("DejaVu Sans");
    const QString deva = QStringLiteral("Lohit Devanagari");
    const QList<Case> cases{
        {"english_5",
         utf8({"2 Brown Eggs", "3 Toor Dal", "1 Fortune Mustard Oil", "2 Iodised Salt",
               "1 Basmati Rice"}),
         utf8({"Brown Eggs", "Toor Dal", "Mustard Oil", "Iodised Salt", "Basmati Rice"}),
         ShoppingListImage::Look::Clean, sans},
        {"photographed_5",
         utf8({"2 Brown Eggs", "3 Toor Dal", "1 Fortune Mustard Oil", "2 Iodised Salt",
               "1 Basmati Rice"}),
         utf8({"Brown Eggs", "Toor Dal", "Mustard Oil", "Iodised Salt", "Basmati Rice"}),
         ShoppingListImage::Look::Photographed, sans},
        {"devanagari_3", utf8({"2 किलो चीनी", "1 सरसों तेल", "5 अंडे"}),
         utf8({"Sugar", "Mustard Oil", "Farm Eggs"}), ShoppingListImage::Look::Clean, deva},
        {"english_12",
         utf8({"2 Brown Eggs", "3 Toor Dal", "1 Fortune Mustard Oil", "2 Iodised Salt",
               "1 Basmati Rice", "1 Green Tea", "2 Sandwich Bread", "1 Rock Salt", "1 Chakki Atta",
               "2 Multigrain Bread", "1 Khatta Meetha", "1 Sugar"}),
         utf8({"Brown Eggs", "Toor Dal", "Mustard Oil", "Iodised Salt", "Basmati Rice", "Green Tea",
               "Sandwich Bread", "Rock Salt", "Chakki Atta", "Multigrain Bread", "Khatta Meetha",
               "Sugar"}),
         ShoppingListImage::Look::Photographed, sans},
    };

    const double before = rssMb();
    QElapsedTimer first;
    first.start();
    need(ListOcr::read(ShoppingListImage::jpeg({QStringLiteral("1 Sugar")})));
    report("ocr_first_photo_with_startup", double(first.elapsed()), "ms");
    report("ocr_tesseract_memory", rssMb() - before, "MB");
    for (const Case &c : cases) {
        const QByteArray image = c.font == deva ? ShoppingListImage::png(c.lines, c.look, c.font)
                                                : ShoppingListImage::jpeg(c.lines, c.look, c.font);
        std::vector<double> ms;
        ListOcr::Text text;
        for (int i = 0; i < runs; ++i) {
            QElapsedTimer t;
            t.start();
            text = need(ListOcr::read(image));
            ms.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        report(qPrintable(QStringLiteral("ocr_%1_p50").arg(QLatin1String(c.name))),
               percentile(ms, 0.5), "ms");
        report(qPrintable(QStringLiteral("ocr_%1_items_right").arg(QLatin1String(c.name))),
               recovered(text, c.expect, matcher), "items");
        report(qPrintable(QStringLiteral("ocr_%1_items_written").arg(QLatin1String(c.name))),
               c.expect.size(), "items");
    }
    return 0;
}
