#include "ShoppingListImage.h"
#include "TestSupport.h"
#include "agent/OrderTextParser.h"
#include "catalog/ProductCsv.h"
#include "reading/ListOcr.h"

#include <QElapsedTimer>
#include <QTest>

using namespace shopdesk;
using namespace shopdesk::test;

// Photos of shopping lists read offline with Tesseract: lists the test draws in English and in
// Devanagari, clean and "photographed" (turned, unevenly lit, noisy), read back line by line;
// a blank sheet reads as nothing and a file that is no picture is a clear error.
class TestListOcr : public QObject
{
    Q_OBJECT

    // Case and spacing aside, and a capital I read as a small l (the same stroke in sans-serif
    // letters: the product matcher takes "lodised" for "Iodised" too).
    static QString folded(const QString &s)
    {
        return s.simplified().toLower().replace(QLatin1Char('l'), QLatin1Char('i'));
    }

    // How many of the expected lines were read exactly (case and spacing aside).
    static int recovered(const ListOcr::Text &text, const QStringList &expected)
    {
        int found = 0;
        for (const QString &want : expected) {
            for (const ListOcr::Line &line : text.lines) {
                if (folded(line.text) == folded(want)) {
                    ++found;
                    break;
                }
            }
        }
        return found;
    }

    static QString dump(const ListOcr::Text &text)
    {
        QStringList out;
        for (const ListOcr::Line &l : text.lines)
            out << QStringLiteral("%1 (%2)").arg(l.text).arg(l.confidence, 0, 'f', 2);
        return out.join(QStringLiteral(" | "));
    }

private Q_SLOTS:
    void englishListIsReadLineByLine_data()
    {
        QTest::addColumn<bool>("photographed");
        QTest::newRow("clean") << false;
        QTest::newRow("photographed") << true;
    }

    void englishListIsReadLineByLine()
    {
        QFETCH(bool, photographed);
        const QStringList list{QStringLiteral("2 Farm Eggs"), QStringLiteral("1 kg Sugar"),
                               QStringLiteral("3 Toor Dal"), QStringLiteral("1 Mustard Oil"),
                               QStringLiteral("2 Iodised Salt")};
        const auto look =
            photographed ? ShoppingListImage::Look::Photographed : ShoppingListImage::Look::Clean;
        QElapsedTimer timer;
        timer.start();
        SD_TAKE(text, ListOcr::read(ShoppingListImage::jpeg(list, look)));
        qInfo("OCR %s: %lld ms, %d of %d lines, deskew %.1f deg: %s",
              photographed ? "photographed" : "clean", timer.elapsed(), recovered(text, list),
              int(list.size()), text.deskewDegrees, qPrintable(dump(text)));
        QCOMPARE(recovered(text, list), int(list.size()));
        QVERIFY(text.confidence > 0.6);
        QVERIFY(text.engine.startsWith(QLatin1String("tesseract")));
        // Each line still parses as an item with its quantity.
        const auto items = OrderTextParser::parse(text.joined());
        QCOMPARE(items.size(), list.size());
        QCOMPARE(items.first().quantity, 2.0);
        if (photographed)
            QVERIFY2(std::abs(text.deskewDegrees) > 1.0, "the slant was not straightened");
    }

    void devanagariListIsRead()
    {
        const QStringList list{QStringLiteral("2 किलो चीनी"), QStringLiteral("1 सरसों तेल"),
                               QStringLiteral("5 अंडे")};
        QElapsedTimer timer;
        timer.start();
        SD_TAKE(text, ListOcr::read(ShoppingListImage::png(list, ShoppingListImage::Look::Clean,
                                                           QStringLiteral("Lohit Devanagari"))));
        qInfo("OCR Devanagari: %lld ms, %d of %d lines: %s", timer.elapsed(), recovered(text, list),
              int(list.size()), qPrintable(dump(text)));
        QVERIFY2(recovered(text, list) >= int(list.size()) - 1, qPrintable(dump(text)));
    }

    void blankSheetReadsAsNothing()
    {
        SD_TAKE(text, ListOcr::read(ShoppingListImage::blank()));
        QVERIFY2(text.lines.isEmpty(), qPrintable(dump(text)));
    }

    void notAPictureIsAClearError()
    {
        auto text = ListOcr::read(QByteArray("%PDF-1.4 this is no photo"));
        QVERIFY(!text);
        QVERIFY2(text.error().contains(QLatin1String("could not be opened")),
                 qPrintable(text.error()));
    }
};

QTEST_MAIN(TestListOcr)
#include "tst_list_ocr.moc"
