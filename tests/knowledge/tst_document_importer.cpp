// Importing knowledge files: Markdown sections become passages with their heading path; long
// text is packed and cut at sentences; a file comes in whole or not at all, with the reason;
// re-importing an unchanged file does nothing, a changed one replaces its passages.
#include "TestDatabases.h"
#include "TestSupport.h"
#include "knowledge/DocumentImporter.h"
#include "knowledge/TextChunker.h"
#include "storage/Store.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace shopdesk;

class TestDocumentImporter : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<test::TestDatabases> m_dbs;
    std::unique_ptr<Store> m_store;
    qint64 m_tenant = 0;

    static QByteArray fixture(const QString &name)
    {
        QFile f(QFINDTESTDATA(QStringLiteral("fixtures/") + name));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    QString write(const QString &name, const QByteArray &bytes)
    {
        QFile f(m_dir.filePath(name));
        if (f.open(QIODevice::WriteOnly))
            f.write(bytes);
        return f.fileName();
    }

private Q_SLOTS:
    void init()
    {
        m_dbs = std::make_unique<test::TestDatabases>(QStringLiteral("sqlite"));
        auto opened = Store::open(m_dbs->fresh());
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        m_store = std::move(opened).value();
        SD_TAKE(tenant,
                m_store->tenants().addTenant(QStringLiteral("shop"), QStringLiteral("Shop")));
        m_tenant = tenant.id;
    }

    void markdownSectionsCarryTheirHeadings()
    {
        const auto chunks = TextChunker::chunk(
            QStringLiteral("file title"),
            QStringLiteral("# Delivery\n\nIntro line.\n\n## Charges\n\nRs 30 per order.\n"
                           "Free above Rs 499.\n\n### Late night\n\nRs 50 after 10 pm.\n\n"
                           "## Areas\n\nLajpat Nagar and Jangpura."));
        QCOMPARE(chunks.size(), 4);
        QCOMPARE(chunks.at(0).heading, QStringLiteral("Delivery"));
        QCOMPARE(chunks.at(1).heading, QStringLiteral("Delivery > Charges"));
        QCOMPARE(chunks.at(1).text, QStringLiteral("Rs 30 per order. Free above Rs 499."));
        QCOMPARE(chunks.at(2).heading, QStringLiteral("Delivery > Charges > Late night"));
        QCOMPARE(chunks.at(3).heading, QStringLiteral("Delivery > Areas"));
        for (int i = 0; i < chunks.size(); ++i)
            QCOMPARE(chunks.at(i).ordinal, i);
    }

    void longTextIsPackedAndCutAtSentences()
    {
        QString text;
        for (int i = 0; i < 40; ++i)
            text += QStringLiteral("Sentence number %1 tells one fact about the store. ").arg(i);
        const auto chunks = TextChunker::chunk(QStringLiteral("Facts"), text, {300, 60});
        QVERIFY(chunks.size() >= 6);
        for (const KnowledgeChunk &c : chunks) {
            QVERIFY2(c.text.size() <= 300, qPrintable(c.text));
            QVERIFY2(c.text.endsWith(QLatin1Char('.')), qPrintable(c.text)); // whole sentences
        }
        // Overlap: each passage after the first starts with words from the end of the previous.
        for (int i = 1; i < chunks.size(); ++i)
            QVERIFY2(chunks.at(i - 1).text.right(60).contains(chunks.at(i).text.left(15)),
                     qPrintable(chunks.at(i - 1).text + QStringLiteral(" | ") + chunks.at(i).text));
        // Nothing is lost: every sentence is in some passage.
        for (int i = 0; i < 40; ++i) {
            const QString needle = QStringLiteral("number %1 tells").arg(i);
            QVERIFY2(std::any_of(chunks.cbegin(), chunks.cend(),
                                 [&](const KnowledgeChunk &c) { return c.text.contains(needle); }),
                     qPrintable(needle));
        }
    }

    void importReimportAndReplace()
    {
        const QString path = write(QStringLiteral("delivery-rules.md"),
                                   "# Delivery rules\n\n## Charges\n\nRs 30 per order.\n");
        const auto first = DocumentImporter::importFile(*m_store, m_tenant, path);
        QCOMPARE(first.kind, DocumentImporter::Outcome::Kind::Imported);
        QCOMPARE(first.chunks, 1);
        QVERIFY(first.message.contains(QLatin1String("1 passages")) ||
                first.message.contains(QLatin1String("imported")));
        const auto again = DocumentImporter::importFile(*m_store, m_tenant, path);
        QCOMPARE(again.kind, DocumentImporter::Outcome::Kind::Unchanged);
        QCOMPARE(again.documentId, first.documentId);

        write(QStringLiteral("delivery-rules.md"),
              "# Delivery rules\n\n## Charges\n\nRs 40 per order.\n\n## Areas\n\nJangpura.\n");
        const auto changed = DocumentImporter::importFile(*m_store, m_tenant, path);
        QCOMPARE(changed.kind, DocumentImporter::Outcome::Kind::Imported);
        QCOMPARE(changed.chunks, 2);
        SD_TAKE(docs, m_store->knowledge().documents(m_tenant));
        QCOMPARE(docs.size(), 1);
        QCOMPARE(docs.first().title, QStringLiteral("Delivery rules"));
        SD_TAKE(chunks, m_store->knowledge().chunks(m_tenant, docs.first().id));
        QCOMPARE(chunks.size(), 2);
        QVERIFY(chunks.first().text.contains(QLatin1String("Rs 40")));
    }

    void webPagesKeepTheirTextAndHeadingsOnly()
    {
        const QString path =
            write(QStringLiteral("offers.html"),
                  "<html><head><title>Monsoon offers</title><style>p{color:red}</style>"
                  "<script>var secret = 1;</script></head><body><nav>Home | About us</nav>"
                  "<h1>Monsoon offers</h1><p>Umbrellas at Rs 199 &amp; raincoats at Rs 349.</p>"
                  "<h2>Free delivery</h2><ul><li>Orders above Rs 299 in July.</li>"
                  "<li>Only in Lajpat Nagar.</li></ul></body></html>");
        const auto o = DocumentImporter::importFile(*m_store, m_tenant, path);
        QCOMPARE(o.kind, DocumentImporter::Outcome::Kind::Imported);
        SD_TAKE(docs, m_store->knowledge().documents(m_tenant));
        QCOMPARE(docs.first().title, QStringLiteral("Monsoon offers"));
        QCOMPARE(docs.first().mimeType, QStringLiteral("text/html"));
        SD_TAKE(chunks, m_store->knowledge().chunks(m_tenant, docs.first().id));
        QCOMPARE(chunks.size(), 2);
        QCOMPARE(chunks.at(0).text, QStringLiteral("Umbrellas at Rs 199 & raincoats at Rs 349."));
        QCOMPARE(chunks.at(1).heading, QStringLiteral("Monsoon offers > Free delivery"));
        QVERIFY(chunks.at(1).text.contains(QLatin1String("Lajpat Nagar")));
        for (const KnowledgeChunk &c : chunks) {
            QVERIFY(!c.text.contains(QLatin1String("secret")));
            QVERIFY(!c.text.contains(QLatin1String("About us")));
            QVERIFY(!c.text.contains(QLatin1String("color")));
        }
        // A page in another character set, declared in the page, reads correctly.
        const auto latin = DocumentImporter::importFile(
            *m_store, m_tenant,
            write(QStringLiteral("cafe.htm"),
                  "<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9</title></head>"
                  "<body><p>Caf\xe9 au lait, Rs 80.</p></body></html>"));
        QCOMPARE(latin.kind, DocumentImporter::Outcome::Kind::Imported);
        SD_TAKE(all, m_store->knowledge().documents(m_tenant));
        QVERIFY(std::any_of(all.cbegin(), all.cend(), [](const KnowledgeDocument &d) {
            return d.title == QStringLiteral("Café");
        }));
    }

    void faqFilesKeepEachPairWhole()
    {
        const auto o = DocumentImporter::importFile(
            *m_store, m_tenant,
            write(QStringLiteral("store-faq.csv"),
                  "\xEF\xBB\xBFSawal,Jawab,Notes\n"
                  "\"Do you deliver on Sundays?\",\"Yes, from 8 am to 9 pm.\",\n"
                  "\"Kya aap gas cylinder bechte ho?\",\"Nahi, hum gas cylinder nahi bechte.\",x\n"
                  "\n"));
        QCOMPARE(o.kind, DocumentImporter::Outcome::Kind::Imported);
        QCOMPARE(o.chunks, 2);
        QCOMPARE(o.message, QStringLiteral("imported (2 questions)"));
        SD_TAKE(chunks, m_store->knowledge().chunks(m_tenant, o.documentId));
        QCOMPARE(chunks.at(0).heading, QStringLiteral("store faq > Do you deliver on Sundays?"));
        QCOMPARE(chunks.at(0).text,
                 QStringLiteral("Do you deliver on Sundays?\nYes, from 8 am to 9 pm."));

        // Columns named otherwise are chosen by the person importing.
        DocumentImporter::Settings chosen;
        chosen.questionColumn = QStringLiteral("Customer asks");
        chosen.answerColumn = QStringLiteral("We say");
        const QString other = write(QStringLiteral("other-faq.csv"),
                                    "Customer asks,We say\nParking?,Yes in front of the shop\n");
        QCOMPARE(DocumentImporter::importFile(*m_store, m_tenant, other).kind,
                 DocumentImporter::Outcome::Kind::Rejected);
        const auto mapped = DocumentImporter::importFile(*m_store, m_tenant, other, chosen);
        QCOMPARE(mapped.kind, DocumentImporter::Outcome::Kind::Imported);
        QCOMPARE(mapped.chunks, 1);
    }

    void badFaqRowsAreNamedAndNothingIsImported()
    {
        const auto missing = DocumentImporter::importFile(
            *m_store, m_tenant,
            write(QStringLiteral("gaps.csv"),
                  "question,answer\nOpen late?,\nParking?,Yes\n,Orphan answer\n"));
        QCOMPARE(missing.kind, DocumentImporter::Outcome::Kind::Rejected);
        QVERIFY2(missing.message.contains(QLatin1String("row 2 has no answer")) &&
                     missing.message.contains(QLatin1String("row 4 has no question")),
                 qPrintable(missing.message));
        const auto broken = DocumentImporter::importFile(
            *m_store, m_tenant, write(QStringLiteral("broken.csv"), "question,answer\n\"open,x\n"));
        QCOMPARE(broken.kind, DocumentImporter::Outcome::Kind::Rejected);
        QVERIFY2(broken.message.contains(QLatin1String("malformed")), qPrintable(broken.message));
        const auto headers = DocumentImporter::importFile(
            *m_store, m_tenant, write(QStringLiteral("headers.csv"), "a1,b1\nx,y\n"));
        QVERIFY2(headers.message.contains(QLatin1String("Cannot tell which columns")),
                 qPrintable(headers.message));
        SD_TAKE(docs, m_store->knowledge().documents(m_tenant));
        QVERIFY(docs.isEmpty());
    }

    void badFilesAreRefusedWithAReasonAndStoreNothing_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << QStringLiteral("empty.txt") << QByteArray("  \n\n ")
                               << QStringLiteral("empty");
        QTest::newRow("not utf-8") << QStringLiteral("latin.txt") << QByteArray("caf\xe9 au lait")
                                   << QStringLiteral("not text in UTF-8");
        QTest::newRow("binary") << QStringLiteral("blob.txt") << QByteArray("ab\0cd", 5)
                                << QStringLiteral("not text in UTF-8");
        QTest::newRow("unsupported") << QStringLiteral("menu.xlsx") << QByteArray("PK\x03\x04")
                                     << QStringLiteral("cannot be imported");
        QTest::newRow("locked pdf")
            << QStringLiteral("locked.pdf") << fixture(QStringLiteral("locked-policies.pdf"))
            << QStringLiteral("protected with a password");
        QTest::newRow("scanned pdf")
            << QStringLiteral("scan.pdf") << fixture(QStringLiteral("scanned-menu.pdf"))
            << QStringLiteral("no text to read");
        QTest::newRow("damaged pdf")
            << QStringLiteral("damaged.pdf")
            << fixture(QStringLiteral("store-policies.pdf")).left(300) << QStringLiteral("PDF");
        QTest::newRow("not a pdf") << QStringLiteral("notes.pdf") << QByteArray("hello there")
                                   << QStringLiteral("not a PDF");
        QTest::newRow("zip, not word")
            << QStringLiteral("archive.docx") << fixture(QStringLiteral("not-word.docx"))
            << QStringLiteral("not a Word document");
        QTest::newRow("old or locked word")
            << QStringLiteral("old.docx") << QByteArray("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest")
            << QStringLiteral("protected with a password or saved in the old Word format");
        QTest::newRow("damaged word") << QStringLiteral("cut.docx")
                                      << fixture(QStringLiteral("delivery-guide.docx")).left(400)
                                      << QStringLiteral("damaged");
        QTest::newRow("not word") << QStringLiteral("fake.docx") << QByteArray("plain words")
                                  << QStringLiteral("not a Word document");
    }
    void badFilesAreRefusedWithAReasonAndStoreNothing()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        const auto o = DocumentImporter::importFile(*m_store, m_tenant, write(name, bytes));
        QCOMPARE(o.kind, DocumentImporter::Outcome::Kind::Rejected);
        QVERIFY2(o.message.contains(reason), qPrintable(o.message));
        SD_TAKE(docs, m_store->knowledge().documents(m_tenant));
        QVERIFY(docs.isEmpty());
    }

    void pdfPagesBecomePassages()
    {
        const QString path = write(QStringLiteral("store-policies.pdf"),
                                   fixture(QStringLiteral("store-policies.pdf")));
        const auto o = DocumentImporter::importFile(*m_store, m_tenant, path);
        QCOMPARE(o.kind, DocumentImporter::Outcome::Kind::Imported);
        SD_TAKE(chunks, m_store->knowledge().chunks(m_tenant, o.documentId));
        QVERIFY(!chunks.isEmpty());
        QString all;
        for (const KnowledgeChunk &c : std::as_const(chunks))
            all += c.text + QLatin1Char('\n');
        QVERIFY2(all.contains(QLatin1String("Returns are accepted within 7 days")),
                 qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("We accept UPI, cash and cards")), qPrintable(all));
        SD_TAKE(docs, m_store->knowledge().documents(m_tenant));
        QCOMPARE(docs.first().mimeType, QStringLiteral("application/pdf"));
        // Reading reports progress page by page, and stops when told to.
        QList<double> seen;
        auto read = DocumentReader::read(path, {}, [&](double f) {
            seen << f;
            return true;
        });
        QVERIFY(read.ok());
        QVERIFY2(seen.size() >= 2 && seen.first() == 0.5 && seen.last() == 1.0,
                 qPrintable(QString::number(seen.size())));
        auto cancelled = DocumentReader::read(path, {}, [](double) { return false; });
        QVERIFY(!cancelled.ok());
        QCOMPARE(cancelled.error(), QStringLiteral("Cancelled."));
    }

    void wordDocumentsKeepHeadingsListsAndTables()
    {
        const auto o =
            DocumentImporter::importFile(*m_store, m_tenant,
                                         write(QStringLiteral("delivery-guide.docx"),
                                               fixture(QStringLiteral("delivery-guide.docx"))));
        QCOMPARE(o.kind, DocumentImporter::Outcome::Kind::Imported);
        SD_TAKE(chunks, m_store->knowledge().chunks(m_tenant, o.documentId));
        QCOMPARE(chunks.size(), 2);
        QCOMPARE(chunks.at(0).heading, QStringLiteral("Delivery guide > Where we deliver"));
        QVERIFY(chunks.at(0).text.contains(QLatin1String("Lajpat Nagar, Jangpura")));
        QCOMPARE(chunks.at(1).heading, QStringLiteral("Delivery guide > Charges"));
        QVERIFY2(
            chunks.at(1).text.contains(QLatin1String("- Free delivery on orders above Rs 499.")),
            qPrintable(chunks.at(1).text));
        QVERIFY2(chunks.at(1).text.contains(QLatin1String("Evening | 5 pm to 9 pm")),
                 qPrintable(chunks.at(1).text));
        SD_TAKE(docs, m_store->knowledge().documents(m_tenant));
        QCOMPARE(docs.first().title, QStringLiteral("Delivery guide"));
    }

    void separatorsAndChunkSettingsResplit()
    {
        TextChunker::Settings settings;
        settings.separator = QStringLiteral("---");
        const auto parts = TextChunker::chunk(
            QStringLiteral("Notes"), QStringLiteral("One fact.\n---\nAnother fact."), settings);
        QCOMPARE(parts.size(), 2);
        QCOMPARE(parts.at(1).text, QStringLiteral("Another fact."));

        // The same file with other chunking settings is split again, not "unchanged".
        const QString path = write(QStringLiteral("notes.md"), "One fact.\n---\nAnother fact.\n");
        DocumentImporter::Settings plain;
        QCOMPARE(DocumentImporter::importFile(*m_store, m_tenant, path, plain).chunks, 1);
        DocumentImporter::Settings split;
        split.chunking = settings;
        const auto again = DocumentImporter::importFile(*m_store, m_tenant, path, split);
        QCOMPARE(again.kind, DocumentImporter::Outcome::Kind::Imported);
        QCOMPARE(again.chunks, 2);
        QCOMPARE(DocumentImporter::importFile(*m_store, m_tenant, path, split).kind,
                 DocumentImporter::Outcome::Kind::Unchanged);

        // A store's chunking settings round-trip through its setting, clamped to sane values.
        const auto parsed = DocumentImporter::parseChunking(
            DocumentImporter::chunkingJson({50, 900, QStringLiteral("***")}));
        QCOMPARE(parsed.maxChars, 100);
        QCOMPARE(parsed.overlap, 50);
        QCOMPARE(parsed.separator, QStringLiteral("***"));
    }

    void tooLargeAndMissingFiles()
    {
        DocumentImporter::Settings small;
        small.maxBytes = 10;
        const auto big = DocumentImporter::importFile(
            *m_store, m_tenant, write(QStringLiteral("big.txt"), QByteArray(100, 'a')), small);
        QCOMPARE(big.kind, DocumentImporter::Outcome::Kind::Rejected);
        QVERIFY(big.message.contains(QLatin1String("larger than")));
        const auto missing = DocumentImporter::importFile(
            *m_store, m_tenant, m_dir.filePath(QStringLiteral("none.md")));
        QCOMPARE(missing.kind, DocumentImporter::Outcome::Kind::Rejected);
        QVERIFY(missing.message.contains(QLatin1String("Cannot read")));
    }
};

QTEST_GUILESS_MAIN(TestDocumentImporter)
#include "tst_document_importer.moc"
