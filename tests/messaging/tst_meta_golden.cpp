#include "messaging/MetaWebhookParser.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace shopdesk;

// Every example in ../shared/fixtures/meta/ (real Meta payloads) is parsed and compared with its
// reviewed normalization in tests/golden/meta/. SHOPDESK_UPDATE_GOLDEN=1 rewrites the files.
class TestMetaGolden : public QObject
{
    Q_OBJECT

    QDir fixtures() const
    {
        return QDir(qEnvironmentVariable("SHOPDESK_SHARED_DIR") + QStringLiteral("/fixtures/meta"));
    }
    QDir golden() const { return QDir(QStringLiteral(SHOPDESK_GOLDEN_DIR "/meta")); }

    static QJsonObject example(const QString &file, const QString &name)
    {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(f.readAll()).object().value(name).toObject();
    }

    QList<InboundItem> parseExample(const QString &file, const QString &name)
    {
        auto parsed = MetaWebhookParser::parse(
            QJsonDocument(example(fixtures().filePath(file), name)).toJson(QJsonDocument::Compact));
        if (!parsed)
            qWarning() << file << name << parsed.error();
        return parsed ? parsed.value() : QList<InboundItem>();
    }

private Q_SLOTS:
    void everyExample_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("name");
        const QStringList files =
            fixtures().entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        QVERIFY2(!files.isEmpty(), qPrintable(fixtures().path() + QStringLiteral(" is empty")));
        for (const QString &file : files) {
            QFile f(fixtures().filePath(file));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QJsonObject all = QJsonDocument::fromJson(f.readAll()).object();
            for (const QString &name : all.keys())
                QTest::newRow(qPrintable(file + QLatin1Char('/') + name)) << file << name;
        }
    }

    void everyExample()
    {
        QFETCH(QString, file);
        QFETCH(QString, name);
        const QByteArray body =
            QJsonDocument(example(fixtures().filePath(file), name)).toJson(QJsonDocument::Compact);
        auto parsed = MetaWebhookParser::parse(body);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        QJsonArray actual;
        for (const InboundItem &item : std::as_const(parsed.value())) {
            QJsonObject json = item.toJson();
            json.remove(QLatin1String("timestamp")); // kept below as seconds for readability
            if (item.timestamp.isValid())
                json.insert(QLatin1String("timestamp_s"), item.timestamp.toSecsSinceEpoch());
            actual.append(json);
            // Round trip: what the inbox stores reads back the same.
            QCOMPARE(InboundItem::fromJson(item.toJson()).toJson(), item.toJson());
        }
        const QString goldenPath = golden().filePath(
            QFileInfo(file).completeBaseName() + QLatin1Char('.') + name + QStringLiteral(".json"));
        const QByteArray actualText = QJsonDocument(actual).toJson(QJsonDocument::Indented);
        if (qEnvironmentVariableIsSet("SHOPDESK_UPDATE_GOLDEN")) {
            QDir().mkpath(golden().path());
            QFile out(goldenPath);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(actualText);
            return;
        }
        QFile expectedFile(goldenPath);
        QVERIFY2(expectedFile.open(QIODevice::ReadOnly),
                 qPrintable(QStringLiteral("No golden file %1 (run with SHOPDESK_UPDATE_GOLDEN=1 "
                                           "and review it)")
                                .arg(goldenPath)));
        const QJsonArray expected = QJsonDocument::fromJson(expectedFile.readAll()).array();
        if (expected != actual)
            qWarning().noquote() << "actual:" << actualText;
        QCOMPARE(actual, expected);
    }

    // The facts the golden files encode, stated once more where they matter most.
    void keyNormalizations()
    {
        auto voice = parseExample(QStringLiteral("message.json"), QStringLiteral("voice"));
        QCOMPARE(voice.size(), 1);
        QCOMPARE(voice.first().type, QStringLiteral("voice"));
        QCOMPARE(voice.first().mediaId, QStringLiteral("1234567890987654321"));
        QCOMPARE(voice.first().customer, QStringLiteral("972987654321"));

        auto audio = parseExample(QStringLiteral("message.json"), QStringLiteral("audio"));
        QCOMPARE(audio.first().type, QStringLiteral("audio"));

        auto unreact =
            parseExample(QStringLiteral("message.json"), QStringLiteral("unreaction_no_emoji"));
        QCOMPARE(unreact.first().type, QStringLiteral("reaction"));
        QVERIFY(unreact.first().extra.value(QLatin1String("removed")).toBool());
        QCOMPARE(unreact.first().replyTo, QStringLiteral("wamid.yzxyzx="));

        auto unknown =
            parseExample(QStringLiteral("message.json"), QStringLiteral("unsupported_with_type"));
        QCOMPARE(unknown.first().type, QStringLiteral("unsupported"));
        QCOMPARE(unknown.first().extra.value(QLatin1String("original_type")).toString(),
                 QStringLiteral("pool"));

        auto echo = parseExample(QStringLiteral("outgoing_message.json"), QStringLiteral("text"));
        QCOMPARE(echo.size(), 1);
        QVERIFY(echo.first().fromStore);

        auto tracked =
            parseExample(QStringLiteral("message_status.json"), QStringLiteral("with_tracker"));
        QCOMPARE(tracked.first().kind, InboundItem::Kind::Status);
        QCOMPARE(tracked.first().correlation, QStringLiteral("some data"));
        QCOMPARE(tracked.first().dedupeKey(), QStringLiteral("status:wamid.xyzxyz:sent"));

        auto failed = parseExample(QStringLiteral("message_status.json"), QStringLiteral("failed"));
        QCOMPARE(failed.first().errorCode, QStringLiteral("130472"));

        auto noFrom = parseExample(QStringLiteral("callback_button.json"),
                                   QStringLiteral("quick_reply_without_context"));
        QCOMPARE(noFrom.first().type, QStringLiteral("button"));
        QCOMPARE(noFrom.first().customerName, QStringLiteral("Test Name"));
    }

    void severalEntriesChangesAndMessages()
    {
        const QJsonObject text =
            example(fixtures().filePath(QStringLiteral("message.json")), QStringLiteral("text"));
        const QJsonObject status = example(
            fixtures().filePath(QStringLiteral("message_status.json")), QStringLiteral("read"));
        QJsonObject entry = text.value(QLatin1String("entry")).toArray().first().toObject();
        QJsonArray changes = entry.value(QLatin1String("changes")).toArray();
        QJsonObject change = changes.first().toObject();
        QJsonObject value = change.value(QLatin1String("value")).toObject();
        QJsonArray messages = value.value(QLatin1String("messages")).toArray();
        QJsonObject second = messages.first().toObject();
        second.insert(QLatin1String("id"), QStringLiteral("wamid.second"));
        messages.append(second);
        value.insert(QLatin1String("messages"), messages);
        change.insert(QLatin1String("value"), value);
        changes = {change, status.value(QLatin1String("entry"))
                               .toArray()
                               .first()
                               .toObject()
                               .value(QLatin1String("changes"))
                               .toArray()
                               .first()};
        entry.insert(QLatin1String("changes"), changes);
        QJsonObject root = text;
        root.insert(QLatin1String("entry"), QJsonArray{entry, entry});
        auto parsed = MetaWebhookParser::parse(QJsonDocument(root).toJson());
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->size(), 6); // 2 entries × (2 messages + 1 status)
        QCOMPARE(parsed->at(1).providerMessageId, QStringLiteral("wamid.second"));
        QCOMPARE(parsed->at(2).kind, InboundItem::Kind::Status);
    }

    void badBodiesAreRefusedWithAReason_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("reason");
        QTest::newRow("not json") << QByteArray("{\"object\":") << QStringLiteral("not valid JSON");
        QTest::newRow("array") << QByteArray("[1,2]") << QStringLiteral("not a JSON object");
        QTest::newRow("other object") << QByteArray(R"({"object":"page","entry":[]})")
                                      << QStringLiteral("not a WhatsApp Business Account");
        QTest::newRow("no entry") << QByteArray(R"({"object":"whatsapp_business_account"})")
                                  << QStringLiteral("no \"entry\"");
        QTest::newRow("message without id")
            << QByteArray(R"({"object":"whatsapp_business_account","entry":[{"changes":[{"value":
               {"messages":[{"from":"1","type":"text","text":{"body":"x"}}]}}]}]})")
            << QStringLiteral("no \"id\"");
    }
    void badBodiesAreRefusedWithAReason()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, reason);
        auto parsed = MetaWebhookParser::parse(body);
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().contains(reason), qPrintable(parsed.error()));
    }
};

QTEST_GUILESS_MAIN(TestMetaGolden)
#include "tst_meta_golden.moc"
