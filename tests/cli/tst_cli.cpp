// shopdesk-cli as a person or a script uses it: real process, real database (SQLite or
// PostgreSQL by SHOPDESK_TEST_BACKEND), exit codes and the words it prints.
#include "ShoppingListImage.h"
#include "TestDatabases.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QTimeZone>

#include <csignal>

using namespace shopdesk;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class CliTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabases> m_dbs;
    QString m_url;
    QTemporaryDir m_home;

    Run cli(QStringList args, bool withDatabase = true, const QByteArray &input = {})
    {
        if (withDatabase)
            args << QStringLiteral("--database") << m_url;
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SHOPDESK_DATA_DIR"), m_home.filePath(QStringLiteral("data")));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(SHOPDESK_CLI_PATH), args);
        if (!input.isEmpty())
            p.write(input);
        p.closeWriteChannel();
        if (!p.waitForFinished(60000))
            qFatal("shopdesk-cli %s did not finish", qPrintable(args.join(QLatin1Char(' '))));
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

private Q_SLOTS:
    void init()
    {
        m_dbs = std::make_unique<test::TestDatabases>();
        const DatabaseUrl url = m_dbs->fresh();
        QVERIFY2(!url.toString().isEmpty(), qPrintable(m_dbs->lastError()));
        m_url = url.toString();
    }

    void knowledgeImportSearchAndEvaluation()
    {
        QCOMPARE(cli({QStringLiteral("demo"), QStringLiteral("load")}).exitCode, 0);
        const QString fixtures = QFINDTESTDATA("../knowledge/fixtures");
        Run imported =
            cli({QStringLiteral("kb"), QStringLiteral("import"), QStringLiteral("--tenant"),
                 QStringLiteral("demo"), QStringLiteral("--json"),
                 fixtures + QStringLiteral("/store-policies.pdf"),
                 fixtures + QStringLiteral("/delivery-guide.docx"),
                 fixtures + QStringLiteral("/locked-policies.pdf")});
        QCOMPARE(imported.exitCode, 1); // one file refused: the run says so
        const QJsonArray results = QJsonDocument::fromJson(imported.out.toUtf8()).array();
        QCOMPARE(results.size(), 3);
        QCOMPARE(results.at(0).toObject().value(QLatin1String("result")).toString(),
                 QStringLiteral("imported"));
        QCOMPARE(results.at(1).toObject().value(QLatin1String("result")).toString(),
                 QStringLiteral("imported"));
        QVERIFY(results.at(2)
                    .toObject()
                    .value(QLatin1String("message"))
                    .toString()
                    .contains(QLatin1String("password")));
        Run list = cli({QStringLiteral("kb"), QStringLiteral("list"), QStringLiteral("--tenant"),
                        QStringLiteral("demo")});
        QVERIFY2(list.out.contains(QLatin1String("Delivery guide")), qPrintable(list.out));

        // The live pipeline: the demo's synonyms apply ("gpay" is UPI), and the answer is logged.
        Run search = cli({QStringLiteral("kb"), QStringLiteral("search"),
                          QStringLiteral("--tenant"), QStringLiteral("demo"),
                          QStringLiteral("--json"), QStringLiteral("gpay chalega?")});
        QCOMPARE(search.exitCode, 0);
        const QJsonObject answer = QJsonDocument::fromJson(search.out.toUtf8()).object();
        QVERIFY2(answer.value(QLatin1String("passages"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QLatin1String("heading"))
                     .toString()
                     .contains(QLatin1String("Ways to pay")),
                 qPrintable(search.out));
        QVERIFY(answer.value(QLatin1String("query")).toString().contains(QLatin1String("upi")));
        QVERIFY(answer.contains(QLatin1String("confidence")));

        // The demo store's own BEIR set, without and with its synonyms: floors under the scores.
        const QString set = QFINDTESTDATA("../knowledge/beir-demo");
        const QStringList eval{QStringLiteral("kb"),        QStringLiteral("eval"),
                               QStringLiteral("--corpus"),  set + QStringLiteral("/corpus.jsonl"),
                               QStringLiteral("--queries"), set + QStringLiteral("/queries.jsonl"),
                               QStringLiteral("--qrels"),   set + QStringLiteral("/qrels.tsv"),
                               QStringLiteral("--json")};
        Run plain = cli(eval, false);
        QCOMPARE(plain.exitCode, 0);
        const QJsonObject p = QJsonDocument::fromJson(plain.out.toUtf8()).object();
        QCOMPARE(p.value(QLatin1String("queries")).toInt(), 34);
        QCOMPARE(p.value(QLatin1String("documents")).toInt(), 19);
        QVERIFY2(p.value(QLatin1String("ndcg@10")).toDouble() >= 0.78, qPrintable(plain.out));
        QVERIFY2(p.value(QLatin1String("recall@10")).toDouble() >= 0.88, qPrintable(plain.out));
        QVERIFY(p.value(QLatin1String("mrr@10")).toDouble() >= 0.75);
        QVERIFY(p.value(QLatin1String("latency_p50_ms")).toDouble() > 0);
        QFile storeJson(QFINDTESTDATA("../../resources/demo/store.json"));
        QVERIFY(storeJson.open(QIODevice::ReadOnly));
        QFile synonyms(m_home.filePath(QStringLiteral("synonyms.txt")));
        QVERIFY(synonyms.open(QIODevice::WriteOnly));
        synonyms.write(QJsonDocument::fromJson(storeJson.readAll())
                           .object()
                           .value(QLatin1String("settings"))
                           .toObject()
                           .value(QLatin1String("knowledge.synonyms"))
                           .toString()
                           .toUtf8());
        synonyms.close();
        Run withSynonyms =
            cli(eval + QStringList{QStringLiteral("--synonyms"), synonyms.fileName()}, false);
        const QJsonObject w = QJsonDocument::fromJson(withSynonyms.out.toUtf8()).object();
        QVERIFY2(w.value(QLatin1String("ndcg@10")).toDouble() >
                     p.value(QLatin1String("ndcg@10")).toDouble(),
                 qPrintable(withSynonyms.out));
        QVERIFY(w.value(QLatin1String("recall@10")).toDouble() >= 0.94);

        // A broken qrels file is one clear line.
        QFile bad(m_home.filePath(QStringLiteral("bad.tsv")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("query-id\tcorpus-id\tscore\nq1\tdel-2\n");
        bad.close();
        QStringList broken = eval;
        broken[7] = bad.fileName();
        Run refused = cli(broken, false);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(QLatin1String("line 2")), qPrintable(refused.err));
    }

    void helpOnEveryCommand()
    {
        const Run top = cli({QStringLiteral("--help")}, false);
        QCOMPARE(top.exitCode, 0);
        const QStringList commands = {QStringLiteral("db migrate"),  QStringLiteral("db status"),
                                      QStringLiteral("tenant add"),  QStringLiteral("tenant list"),
                                      QStringLiteral("demo load"),   QStringLiteral("serve"),
                                      QStringLiteral("channel add"), QStringLiteral("channel list"),
                                      QStringLiteral("messages"),    QStringLiteral("send"),
                                      QStringLiteral("simulate"),    QStringLiteral("kb search"),
                                      QStringLiteral("kb eval")};
        for (const QString &command : commands) {
            QVERIFY2(top.out.contains(command), qPrintable(command));
            const Run help =
                cli(command.split(QLatin1Char(' ')) << QStringLiteral("--help"), false);
            QCOMPARE(help.exitCode, 0);
            QVERIFY2(help.out.startsWith(QStringLiteral("Usage: shopdesk-cli ") + command),
                     qPrintable(help.out));
            QVERIFY(help.out.contains(QLatin1String("--database")));
            QVERIFY(help.out.contains(QLatin1String("--data-dir")));
            QVERIFY(help.err.isEmpty());
        }
        const Run none = cli({}, false);
        QCOMPARE(none.exitCode, 2);
    }

    void migrateAndStatus()
    {
        const Run before = cli({QStringLiteral("db"), QStringLiteral("status")});
        QCOMPARE(before.exitCode, 0);
        QVERIFY2(before.out.contains(QLatin1String("schema version: 0 of ")),
                 qPrintable(before.out));
        QVERIFY(before.out.contains(QLatin1String("001 initial")));
        const Run migrate = cli({QStringLiteral("db"), QStringLiteral("migrate")});
        QCOMPARE(migrate.exitCode, 0);
        QVERIFY(migrate.out.contains(QLatin1String("applied 001 initial")));
        const Run again = cli({QStringLiteral("db"), QStringLiteral("migrate")});
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.out.contains(QLatin1String("already up to date")));
        const Run after = cli({QStringLiteral("db"), QStringLiteral("status")});
        QVERIFY(after.out.contains(QLatin1String("up to date")));
        QVERIFY(after.out.contains(test::TestDatabases::postgresWanted()
                                       ? QLatin1String("PostgreSQL")
                                       : QLatin1String("SQLite")));
    }

    void tenantsAddAndList()
    {
        const Run empty = cli({QStringLiteral("tenant"), QStringLiteral("list")});
        QCOMPARE(empty.exitCode, 0);
        QVERIFY(empty.out.contains(QLatin1String("no stores yet")));
        const Run add =
            cli({QStringLiteral("tenant"), QStringLiteral("add"), QStringLiteral("--slug"),
                 QStringLiteral("corner"), QStringLiteral("--name"), QStringLiteral("Corner Shop"),
                 QStringLiteral("--json")});
        QCOMPARE(add.exitCode, 0);
        const QJsonObject added = QJsonDocument::fromJson(add.out.toUtf8()).object();
        QCOMPARE(added.value(QStringLiteral("slug")).toString(), QStringLiteral("corner"));
        QVERIFY(added.value(QStringLiteral("id")).toInteger() > 0);
        const Run duplicate =
            cli({QStringLiteral("tenant"), QStringLiteral("add"), QStringLiteral("--slug"),
                 QStringLiteral("corner"), QStringLiteral("--name"), QStringLiteral("Again")});
        QCOMPARE(duplicate.exitCode, 1);
        QCOMPARE(duplicate.err.count(QLatin1Char('\n')), 1);
        QVERIFY(duplicate.err.contains(QLatin1String("already exists")));
        const Run missing = cli({QStringLiteral("tenant"), QStringLiteral("add"),
                                 QStringLiteral("--slug"), QStringLiteral("x")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains(QLatin1String("--name")));
        // Global options may also come before the command.
        const Run list = cli({QStringLiteral("--database"), m_url, QStringLiteral("tenant"),
                              QStringLiteral("list"), QStringLiteral("--json")},
                             false);
        QCOMPARE(list.exitCode, 0);
        const QJsonArray all = QJsonDocument::fromJson(list.out.toUtf8()).array();
        QCOMPARE(all.size(), 1);
        QCOMPARE(all.first().toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("Corner Shop"));
    }

    // People and their sign-in from the command line, and the audit log of it.
    void operatorsAndTheAuditLog()
    {
        const auto op = [this](QStringList args, const QByteArray &input = {}) {
            args.prepend(QStringLiteral("operator"));
            args << QStringLiteral("--tenant") << QStringLiteral("corner");
            return cli(args, true, input);
        };
        QCOMPARE(cli({QStringLiteral("tenant"), QStringLiteral("add"), QStringLiteral("--slug"),
                      QStringLiteral("corner"), QStringLiteral("--name"), QStringLiteral("Corner")})
                     .exitCode,
                 0);
        // The first person is the owner, whatever role was asked for.
        QCOMPARE(op({QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Meena"),
                     QStringLiteral("--password-stdin")},
                    "meena-secret-1\n")
                     .exitCode,
                 0);
        QCOMPARE(
            op({QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Priya")}).exitCode,
            0);
        const Run shortPin =
            op({QStringLiteral("password"), QStringLiteral("--name"), QStringLiteral("Priya")},
               "12\n");
        QCOMPARE(shortPin.exitCode, 1);
        QVERIFY2(shortPin.err.contains(QLatin1String("at least")), qPrintable(shortPin.err));
        QCOMPARE(op({QStringLiteral("password"), QStringLiteral("--name"), QStringLiteral("priya")},
                    "priya-secret-2\n")
                     .exitCode,
                 0);
        QCOMPARE(op({QStringLiteral("role"), QStringLiteral("--name"), QStringLiteral("Priya"),
                     QStringLiteral("--role"), QStringLiteral("manager")})
                     .exitCode,
                 0);
        const Run lastOwner =
            op({QStringLiteral("disable"), QStringLiteral("--name"), QStringLiteral("Meena")});
        QCOMPARE(lastOwner.exitCode, 1);
        QVERIFY2(lastOwner.err.contains(QLatin1String("only owner")), qPrintable(lastOwner.err));
        const Run list = op({QStringLiteral("list"), QStringLiteral("--json")});
        const QJsonArray people = QJsonDocument::fromJson(list.out.toUtf8()).array();
        QCOMPARE(people.size(), 2);
        for (const QJsonValue &p : people) {
            const QJsonObject o = p.toObject();
            QVERIFY(o.value(QStringLiteral("has_secret")).toBool());
            QCOMPARE(o.value(QStringLiteral("role")).toString(),
                     o.value(QStringLiteral("name")).toString() == QLatin1String("Meena")
                         ? QStringLiteral("owner")
                         : QStringLiteral("manager"));
        }
        const Run audit = cli({QStringLiteral("audit"), QStringLiteral("--tenant"),
                               QStringLiteral("corner"), QStringLiteral("--action"),
                               QStringLiteral("operator."), QStringLiteral("--json")});
        QCOMPARE(audit.exitCode, 0);
        QStringList actions;
        for (const QJsonValue &e : QJsonDocument::fromJson(audit.out.toUtf8()).array())
            actions << e.toObject().value(QStringLiteral("action")).toString();
        QCOMPARE(actions.count(QStringLiteral("operator.add")), 2);
        QVERIFY(actions.contains(QStringLiteral("operator.secret_set")));
        QVERIFY(actions.contains(QStringLiteral("operator.role")));
        QVERIFY(!audit.out.contains(QLatin1String("secret-2"))); // no password in the log
    }

    void reportAndQuestions()
    {
        QCOMPARE(cli({QStringLiteral("demo"), QStringLiteral("load")}).exitCode, 0);
        // The default range ends on the store's today (Asia/Kolkata), as the question's does.
        const QString today = QDateTime::currentDateTimeUtc()
                                  .toTimeZone(QTimeZone("Asia/Kolkata"))
                                  .date()
                                  .toString(Qt::ISODate);
        const Run json = cli({QStringLiteral("report"), QStringLiteral("--tenant"),
                              QStringLiteral("demo"), QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject report = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(report.value(QLatin1String("to")).toString(), today);
        const int chats = report.value(QLatin1String("chats")).toInt();
        QVERIFY2(chats > 50, qPrintable(json.out.left(400))); // the demo's 30 days of history
        const QJsonObject res = report.value(QLatin1String("resolution")).toObject();
        QCOMPARE(res.value(QLatin1String("bot_resolved")).toInt() +
                     res.value(QLatin1String("handed_to_people")).toInt() +
                     res.value(QLatin1String("pending")).toInt() +
                     res.value(QLatin1String("unanswered")).toInt(),
                 chats);
        QCOMPARE(report.value(QLatin1String("time_zone")).toString(),
                 QStringLiteral("Asia/Kolkata"));
        const Run csv = cli({QStringLiteral("report"), QStringLiteral("--tenant"),
                             QStringLiteral("demo"), QStringLiteral("--csv")});
        QCOMPARE(csv.exitCode, 0);
        QVERIFY(csv.out.startsWith(QStringLiteral("metric,value\n")));
        QVERIFY(csv.out.contains(QStringLiteral("\nchats,%1\n").arg(chats)));
        QCOMPARE(cli({QStringLiteral("report"), QStringLiteral("--tenant"), QStringLiteral("demo"),
                      QStringLiteral("--from"), QStringLiteral("2026-13-01")})
                     .exitCode,
                 1);

        const Run sales = cli({QStringLiteral("report"), QStringLiteral("ask"),
                               QStringLiteral("--tenant"), QStringLiteral("demo"),
                               QStringLiteral("--json"), QStringLiteral("pichhle 30 din ka sale")});
        QCOMPARE(sales.exitCode, 0);
        const QJsonObject answer = QJsonDocument::fromJson(sales.out.toUtf8()).object();
        QCOMPARE(answer.value(QLatin1String("metric")).toString(), QStringLiteral("revenue"));
        QCOMPARE(answer.value(QLatin1String("from")).toString(),
                 report.value(QLatin1String("from")).toString());
        // The answer quotes the report's own revenue.
        const double revenue = report.value(QLatin1String("orders"))
                                   .toObject()
                                   .value(QLatin1String("revenue"))
                                   .toDouble();
        QVERIFY2(answer.value(QLatin1String("answer"))
                     .toString()
                     .contains(QStringLiteral("₹%1").arg(revenue, 0, 'f', 2)),
                 qPrintable(sales.out));
        const Run unknown =
            cli({QStringLiteral("report"), QStringLiteral("ask"), QStringLiteral("--tenant"),
                 QStringLiteral("demo"), QStringLiteral("what is the weather")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.out.startsWith(QStringLiteral("I can answer questions about:")));
    }

    void demoLoadIsIdempotent()
    {
        const Run load = cli({QStringLiteral("demo"), QStringLiteral("load")});
        QCOMPARE(load.exitCode, 0);
        QVERIFY2(load.out.contains(QLatin1String("200 products")), qPrintable(load.out + load.err));
        QVERIFY(load.out.contains(QLatin1String("50 conversations")));
        const Run again = cli({QStringLiteral("demo"), QStringLiteral("load")});
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.out.contains(QLatin1String("already loaded")));
        const Run list = cli({QStringLiteral("tenant"), QStringLiteral("list")});
        QVERIFY(list.out.contains(QLatin1String("demo")));
        QVERIFY(list.out.contains(QLatin1String("Sharma General Store")));
    }

    // A photo of a list as the bot reads it: the lines, and the store's products they make.
    void mediaReadsAPhotoList()
    {
        QCOMPARE(cli({QStringLiteral("demo"), QStringLiteral("load")}).exitCode, 0);
        QFile photo(m_home.filePath(QStringLiteral("list.jpg")));
        QVERIFY(photo.open(QIODevice::WriteOnly));
        photo.write(test::ShoppingListImage::jpeg(
            {QStringLiteral("2 Brown Eggs"), QStringLiteral("1 Blue Unicorn Jam")},
            test::ShoppingListImage::Look::Photographed));
        photo.close();
        const Run read =
            cli({QStringLiteral("media"), QStringLiteral("read"), QStringLiteral("--tenant"),
                 QStringLiteral("demo"), photo.fileName()});
        QCOMPARE(read.exitCode, 0);
        QVERIFY2(read.out.contains(QLatin1String("2 Brown Eggs")), qPrintable(read.out));
        QVERIFY2(read.out.contains(QStringLiteral("→ Brown Eggs")), qPrintable(read.out));
        QVERIFY2(read.err.contains(QLatin1String("tesseract")), qPrintable(read.err));
        // A voice note without a voice service, and a file that is neither: clear errors.
        QFile voice(m_home.filePath(QStringLiteral("note.ogg")));
        QVERIFY(voice.open(QIODevice::WriteOnly));
        voice.write(QByteArray("OggS\0\x02", 6) + QByteArray(100, '\x01'));
        voice.close();
        const Run unheard =
            cli({QStringLiteral("media"), QStringLiteral("read"), QStringLiteral("--tenant"),
                 QStringLiteral("demo"), voice.fileName()});
        QCOMPARE(unheard.exitCode, 1);
        QVERIFY2(unheard.err.contains(QLatin1String("no voice service")), qPrintable(unheard.err));
        const Run neither =
            cli({QStringLiteral("media"), QStringLiteral("read"), QStringLiteral("--tenant"),
                 QStringLiteral("demo"), m_home.filePath(QStringLiteral("synonyms.txt"))});
        QCOMPARE(neither.exitCode, 1);
    }

    void customersLedgerAndBills()
    {
        QCOMPARE(cli({QStringLiteral("demo"), QStringLiteral("load")}).exitCode, 0);
        const auto run = [&](QStringList args) {
            args << QStringLiteral("--tenant") << QStringLiteral("demo");
            return cli(args);
        };
        // Found by nickname; a name two customers share asks which.
        const Run found = run({QStringLiteral("customer"), QStringLiteral("list"),
                               QStringLiteral("--search"), QStringLiteral("aunty")});
        QVERIFY2(found.out.startsWith(QLatin1String("Sunita Devi")), qPrintable(found.out));
        const Run both = run({QStringLiteral("ledger"), QStringLiteral("show"),
                              QStringLiteral("--customer"), QStringLiteral("Rahul")});
        QCOMPARE(both.exitCode, 1);
        QVERIFY2(both.err.contains(QLatin1String("fits 2 customers")), qPrintable(both.err));
        // A payment, then its reversal: the balance goes down and back.
        const Run paid =
            run({QStringLiteral("ledger"), QStringLiteral("pay"), QStringLiteral("--customer"),
                 QStringLiteral("Sunita aunty"), QStringLiteral("--amount"),
                 QStringLiteral("₹1,000"), QStringLiteral("--method"), QStringLiteral("upi")});
        QCOMPARE(paid.exitCode, 0);
        QVERIFY2(paid.out.contains(QStringLiteral("Balance now ₹100.00")), qPrintable(paid.out));
        const qint64 entry =
            paid.out.section(QLatin1Char('#'), 1).section(QLatin1Char(':'), 0, 0).toLongLong();
        QVERIFY(entry > 0);
        const Run undone = run({QStringLiteral("ledger"), QStringLiteral("reverse"),
                                QStringLiteral("--entry"), QString::number(entry)});
        QVERIFY2(undone.out.contains(QStringLiteral("Balance now ₹1100.00")),
                 qPrintable(undone.out));
        const Run book =
            run({QStringLiteral("ledger"), QStringLiteral("show"), QStringLiteral("--customer"),
                 QStringLiteral("9810011003"), QStringLiteral("--json")});
        const QJsonObject b = QJsonDocument::fromJson(book.out.toUtf8()).object();
        QCOMPARE(b[QStringLiteral("balance_minor")].toInteger(), 110000);
        QCOMPARE(b[QStringLiteral("entries")].toArray().size(), 5);
        const Run bad = run({QStringLiteral("ledger"), QStringLiteral("pay"),
                             QStringLiteral("--customer"), QStringLiteral("Sunita aunty"),
                             QStringLiteral("--amount"), QStringLiteral("lots")});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains(QLatin1String("--amount")), qPrintable(bad.err));
        // A walk-in customer, then a confirmed demo order's bill as text and PDF.
        const Run added =
            run({QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--name"),
                 QStringLiteral("Gopal"), QStringLiteral("--landmark"), QStringLiteral("dairy")});
        QVERIFY2(added.out.startsWith(QLatin1String("Added Gopal")),
                 qPrintable(added.out + added.err));
        const Run orders =
            run({QStringLiteral("customer"), QStringLiteral("list"), QStringLiteral("--json")});
        QList<qint64> lastOrders;
        for (const QJsonValue &c : QJsonDocument::fromJson(orders.out.toUtf8()).array())
            if (const qint64 id = c.toObject()[QStringLiteral("last_order")].toInteger(); id > 0)
                lastOrders << id;
        QVERIFY(!lastOrders.isEmpty());
        // Customers' last orders: the first confirmed or delivered one has a bill.
        const QString pdf = m_home.filePath(QStringLiteral("bill.pdf"));
        Run bill;
        for (const qint64 id : lastOrders.mid(0, 12)) {
            bill = run({QStringLiteral("order"), QStringLiteral("bill"), QStringLiteral("--order"),
                        QString::number(id), QStringLiteral("--pdf"), pdf});
            if (bill.exitCode == 0)
                break;
            QVERIFY2(bill.err.contains(QLatin1String("not confirmed")), qPrintable(bill.err));
        }
        QCOMPARE(bill.exitCode, 0);
        QVERIFY2(bill.out.contains(QLatin1String("*Sharma General Store*")) &&
                     bill.out.contains(QLatin1String("*Total")),
                 qPrintable(bill.out + bill.err));
        QFile saved(pdf);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QVERIFY(saved.read(5) == "%PDF-");
    }

    void inventoryExportImportAndAgentTry()
    {
        QCOMPARE(cli({QStringLiteral("demo"), QStringLiteral("load")}).exitCode, 0);
        const QString csv = m_home.filePath(QStringLiteral("products.csv"));
        const Run exported = cli({QStringLiteral("inventory"), QStringLiteral("export"),
                                  QStringLiteral("--tenant"), QStringLiteral("demo"), csv});
        QCOMPARE(exported.exitCode, 0);
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray bytes = file.readAll();
        QCOMPARE(bytes.count('\n'), 201); // header and 200 products
        file.close();

        // A bad row: nothing is imported, and the row is named.
        bytes.replace("\"Butter\",\"Amul\"", "\"Butter\",\"Amul Gold\"");
        const QString bad = m_home.filePath(QStringLiteral("bad.csv"));
        QFile badFile(bad);
        QVERIFY(badFile.open(QIODevice::WriteOnly));
        badFile.write(
            bytes +
            "\"NEW-9\",\"Rabri Falooda\",\"\",\"Dairy\",\"\",\"free\",\"3\",\"0\",\"\"\r\n");
        badFile.close();
        const Run refused = cli({QStringLiteral("inventory"), QStringLiteral("import"),
                                 QStringLiteral("--tenant"), QStringLiteral("demo"), bad});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(QLatin1String("row 202")), qPrintable(refused.err));
        QVERIFY(refused.err.contains(QLatin1String("Nothing imported")));
        const Run stdoutExport = cli({QStringLiteral("inventory"), QStringLiteral("export"),
                                      QStringLiteral("--tenant"), QStringLiteral("demo")});
        QVERIFY(!stdoutExport.out.contains(QLatin1String("Amul Gold\",\"Dairy\",\"100 g")));
        QVERIFY(!stdoutExport.out.contains(QLatin1String("Rabri Falooda")));

        const Run again = cli({QStringLiteral("inventory"), QStringLiteral("import"),
                               QStringLiteral("--tenant"), QStringLiteral("demo"), csv});
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.out.contains(QLatin1String("imported 200 products")));

        // A product's stock history: the demo's import put it there; a re-import of the same
        // stock moves nothing; an unknown SKU is named.
        const QString sku =
            QString::fromUtf8(bytes.split('\n').at(1).split(',').first()).remove(QLatin1Char('"'));
        const Run history = cli({QStringLiteral("inventory"), QStringLiteral("history"),
                                 QStringLiteral("--tenant"), QStringLiteral("demo"), sku});
        QCOMPARE(history.exitCode, 0);
        QVERIFY2(history.out.contains(QLatin1String("imported")), qPrintable(history.out));
        QCOMPARE(history.out.count(QLatin1String("imported")), 1);
        const Run unknown =
            cli({QStringLiteral("inventory"), QStringLiteral("history"), QStringLiteral("--tenant"),
                 QStringLiteral("demo"), QStringLiteral("NO-SUCH")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains(QLatin1String("no product with the SKU NO-SUCH")),
                 qPrintable(unknown.err));

        // What to reorder: the demo's low and empty shelves, each with a quantity and a reason.
        const Run reorder =
            cli({QStringLiteral("inventory"), QStringLiteral("reorder"), QStringLiteral("--tenant"),
                 QStringLiteral("demo"), QStringLiteral("--json")});
        QCOMPARE(reorder.exitCode, 0);
        const QJsonArray rows = QJsonDocument::fromJson(reorder.out.toUtf8()).array();
        QVERIFY2(!rows.isEmpty(), qPrintable(reorder.out));
        for (const QJsonValue &row : rows) {
            const QJsonObject r = row.toObject();
            QVERIFY(r[QStringLiteral("suggested")].toDouble() >= 1);
            const QString why = r[QStringLiteral("reason")].toString();
            QVERIFY2(why == QLatin1String("out of stock") ||
                         why.contains(QLatin1String("low-stock")) ||
                         why.startsWith(QLatin1String("runs out")),
                     qPrintable(why));
        }
        const Run reorderText = cli({QStringLiteral("inventory"), QStringLiteral("reorder"),
                                     QStringLiteral("--tenant"), QStringLiteral("demo")});
        QVERIFY(
            reorderText.out.startsWith(rows.first().toObject()[QStringLiteral("sku")].toString()));
        const Run badWeeks =
            cli({QStringLiteral("inventory"), QStringLiteral("reorder"), QStringLiteral("--tenant"),
                 QStringLiteral("demo"), QStringLiteral("--weeks"), QStringLiteral("none")});
        QCOMPARE(badWeeks.exitCode, 1);
        QVERIFY2(badWeeks.err.contains(QLatin1String("--weeks")), qPrintable(badWeeks.err));

        const Run tried = cli({QStringLiteral("agent"), QStringLiteral("try"),
                               QStringLiteral("--tenant"), QStringLiteral("demo"),
                               QStringLiteral("2 dozen ande aur 1 litre amul milk bhej do")});
        QCOMPARE(tried.exitCode, 0);
        QVERIFY2(tried.out.contains(QLatin1String("intent: place_order")), qPrintable(tried.out));
        QVERIFY(tried.out.contains(QStringLiteral("₹236")));
        const Run json = cli({QStringLiteral("agent"), QStringLiteral("try"),
                              QStringLiteral("--tenant"), QStringLiteral("demo"),
                              QStringLiteral("--json"), QStringLiteral("what time do you open")});
        const QJsonObject trace = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(trace[QStringLiteral("intent")][QStringLiteral("label")].toString(),
                 QStringLiteral("store_hours"));
        // Trying writes nothing: no conversation, no trace.
        const Run messages =
            cli({QStringLiteral("messages"), QStringLiteral("--tenant"), QStringLiteral("demo")});
        QVERIFY(!messages.out.contains(QLatin1String("what time do you open")));
    }

    void errorsAreOneClearLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("says");
        QTest::newRow("unknown command")
            << QStringList{QStringLiteral("fly")} << 2 << QStringLiteral("unknown command");
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("tenant"), QStringLiteral("list"),
                           QStringLiteral("--colour")}
            << 2 << QStringLiteral("Unknown option");
        QTest::newRow("bad database kind")
            << QStringList{QStringLiteral("db"), QStringLiteral("status"),
                           QStringLiteral("--database"), QStringLiteral("mysql://x/y")}
            << 1 << QStringLiteral("sqlite:PATH");
        QTest::newRow("no server there")
            << QStringList{QStringLiteral("db"), QStringLiteral("status"),
                           QStringLiteral("--database"),
                           QStringLiteral("postgresql://nobody:hunter2@127.0.0.1:1/shop")}
            << 1 << QStringLiteral("Cannot connect to the PostgreSQL server at 127.0.0.1:1/shop");
        QTest::newRow("data dir is a file")
            << QStringList{QStringLiteral("tenant"), QStringLiteral("list"),
                           QStringLiteral("--data-dir"), QStringLiteral("/etc/hostname")}
            << 1 << QStringLiteral("/etc/hostname");
    }
    void errorsAreOneClearLine()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, says);
        const Run r = cli(args, false);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.startsWith(QLatin1String("shopdesk-cli: ")), qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(r.err.contains(says), qPrintable(r.err));
        QVERIFY(!r.err.contains(QLatin1String("hunter2"))); // no secrets in errors
    }

    void serveRunsUntilSigtermAndStopsCleanly()
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SHOPDESK_DATA_DIR"), m_home.filePath(QStringLiteral("data")));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(SHOPDESK_CLI_PATH),
                {QStringLiteral("serve"), QStringLiteral("--database"), m_url});
        QVERIFY(p.waitForStarted());
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += p.readAllStandardOutput()).contains("engine running"),
                                 15000);
        QCOMPARE(p.state(), QProcess::Running);
        ::kill(pid_t(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(15000));
        out += p.readAllStandardOutput();
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        QVERIFY2(out.contains("stopped"), out.constData());
        // The schema was brought up to date by serve.
        const Run status = cli({QStringLiteral("db"), QStringLiteral("status")});
        QVERIFY(status.out.contains(QLatin1String("up to date")));
    }

    void channelsServeSimulateAndMessages()
    {
        QCOMPARE(cli({QStringLiteral("tenant"), QStringLiteral("add"), QStringLiteral("--slug"),
                      QStringLiteral("shop"), QStringLiteral("--name"), QStringLiteral("Shop")})
                     .exitCode,
                 0);
        const Run missing =
            cli({QStringLiteral("channel"), QStringLiteral("add"), QStringLiteral("--tenant"),
                 QStringLiteral("shop"), QStringLiteral("--provider"), QStringLiteral("meta")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains(QLatin1String("needs phone_number_id")),
                 qPrintable(missing.err));
        const Run unknown = cli({QStringLiteral("channel"), QStringLiteral("add"),
                                 QStringLiteral("--tenant"), QStringLiteral("shop"),
                                 QStringLiteral("--provider"), QStringLiteral("whatsapp-web")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.err.contains(QLatin1String("Unknown provider")));

        const Run added =
            cli({QStringLiteral("channel"), QStringLiteral("add"), QStringLiteral("--tenant"),
                 QStringLiteral("shop"), QStringLiteral("--provider"), QStringLiteral("meta"),
                 QStringLiteral("--set"), QStringLiteral("phone_number_id=123"),
                 QStringLiteral("--set"), QStringLiteral("access_token=EAAG-secret-token"),
                 QStringLiteral("--set"), QStringLiteral("app_secret=app-secret"),
                 QStringLiteral("--set"), QStringLiteral("verify_token=verify")});
        QCOMPARE(added.exitCode, 0);
        const QJsonObject channel = QJsonDocument::fromJson(added.out.toUtf8()).object();
        const qint64 channelId = channel.value(QLatin1String("id")).toInteger();
        QVERIFY(channelId > 0);
        QVERIFY(channel.value(QLatin1String("webhook_path"))
                    .toString()
                    .startsWith(QLatin1String("/webhooks/meta/")));
        QVERIFY2(!added.out.contains(QLatin1String("EAAG-secret-token")),
                 "secrets are never printed");
        const Run list =
            cli({QStringLiteral("channel"), QStringLiteral("list"), QStringLiteral("--tenant"),
                 QStringLiteral("shop"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(list.out.toUtf8()).array().size(), 1);

        QProcess serve;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SHOPDESK_DATA_DIR"), m_home.filePath(QStringLiteral("data")));
        serve.setProcessEnvironment(env);
        serve.start(QStringLiteral(SHOPDESK_CLI_PATH),
                    {QStringLiteral("serve"), QStringLiteral("--database"), m_url,
                     QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                     QStringLiteral("--no-agent")}); // a load of customer messages, no replies
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += serve.readAllStandardOutput()).contains("webhooks on"),
                                 15000);
        const QByteArray portText = out.mid(out.indexOf("webhooks on http://127.0.0.1:") + 29)
                                        .split('\n')
                                        .first()
                                        .split(' ')
                                        .first();
        QVERIFY(portText.toInt() > 0);

        const Run simulated =
            cli({QStringLiteral("simulate"), QStringLiteral("--channel"),
                 QString::number(channelId), QStringLiteral("--url"),
                 QStringLiteral("http://127.0.0.1:") + QString::fromLatin1(portText),
                 QStringLiteral("--rate"), QStringLiteral("100"), QStringLiteral("--duration"),
                 QStringLiteral("1"), QStringLiteral("--json")});
        QCOMPARE(simulated.exitCode, 0);
        const QJsonObject report = QJsonDocument::fromJson(simulated.out.toUtf8()).object();
        const qint64 acknowledged = report.value(QLatin1String("acknowledged")).toInteger();
        QVERIFY(acknowledged >= 90);
        QCOMPARE(report.value(QLatin1String("sent")).toInteger(), acknowledged);
        QVERIFY(report.value(QLatin1String("p99_ms")).toDouble() > 0);

        // Acknowledged means stored: every one is listed (processing may take a moment).
        QTRY_COMPARE_WITH_TIMEOUT(
            QJsonDocument::fromJson(cli({QStringLiteral("messages"), QStringLiteral("--tenant"),
                                         QStringLiteral("shop"), QStringLiteral("--json")})
                                        .out.toUtf8())
                .array()
                .size(),
            acknowledged, 20000);
        const QJsonArray messages =
            QJsonDocument::fromJson(cli({QStringLiteral("messages"), QStringLiteral("--tenant"),
                                         QStringLiteral("shop"), QStringLiteral("--json")})
                                        .out.toUtf8())
                .array();
        QCOMPARE(messages.first().toObject().value(QLatin1String("status")).toString(),
                 QStringLiteral("received"));
        const Run health =
            cli({QStringLiteral("channel"), QStringLiteral("list"), QStringLiteral("--tenant"),
                 QStringLiteral("shop"), QStringLiteral("--json")});
        QVERIFY(!QJsonDocument::fromJson(health.out.toUtf8())
                     .array()
                     .first()
                     .toObject()
                     .value(QLatin1String("health"))
                     .toObject()
                     .value(QLatin1String("last_webhook_at"))
                     .isNull());

        const Run badSend =
            cli({QStringLiteral("send"), QStringLiteral("--tenant"), QStringLiteral("shop"),
                 QStringLiteral("--conversation"), QStringLiteral("999999"),
                 QStringLiteral("--text"), QStringLiteral("hello")});
        QCOMPARE(badSend.exitCode, 1);
        QVERIFY(badSend.err.contains(QLatin1String("does not exist")));

        ::kill(pid_t(serve.processId()), SIGTERM);
        QVERIFY(serve.waitForFinished(15000));
        QCOMPARE(serve.exitCode(), 0);
    }

    void serveFailsFastOnADeadDatabase()
    {
        const Run r = cli({QStringLiteral("serve"), QStringLiteral("--database"),
                           QStringLiteral("postgresql://127.0.0.1:1/none")},
                          false);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("Cannot connect")), qPrintable(r.err));
    }
};

QTEST_MAIN(CliTest) // a QGuiApplication: the photo test draws its shopping list
#include "tst_cli.moc"
