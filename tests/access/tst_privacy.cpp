// Customers' privacy with a running engine, on SQLite and PostgreSQL: one customer's data
// exported as a zip (every section, their files) and erased completely (messages, files,
// traces, retrieval lines, raw webhooks; orders and ledger kept without a name), by an owner
// only; a customer who writes STOP gets no reminder or template and the bot confirms, START
// undoes it; and the retention rule deletes old traces and retrieval lines.
#include "EngineHarness.h"
#include "TestSupport.h"
#include "access/OperatorAccounts.h"
#include "agent/ReminderSender.h"
#include "messaging/MediaFiles.h"
#include "messaging/MessagingService.h"
#include "privacy/CustomerData.h"
#include "privacy/PrivacyService.h"
#include "storage/SqlSupport.h"
#include "storage/Store.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <minizip/unzip.h>

using namespace shopdesk;
using namespace shopdesk::test;

namespace {

const QString kPhoneA = QStringLiteral("919800000111");
const QString kPhoneB = QStringLiteral("919800000222");
const QString kSecretText = QStringLiteral("my flat is B-14 Lotus Towers, 2 milk please");

// Every entry of a zip file, name to bytes.
QMap<QString, QByteArray> unzipAll(const QString &path)
{
    QMap<QString, QByteArray> out;
    unzFile zip = unzOpen64(QFile::encodeName(path).constData());
    if (!zip)
        return out;
    for (int r = unzGoToFirstFile(zip); r == UNZ_OK; r = unzGoToNextFile(zip)) {
        char name[512];
        unz_file_info64 info{};
        unzGetCurrentFileInfo64(zip, &info, name, sizeof name, nullptr, 0, nullptr, 0);
        QByteArray bytes(qsizetype(info.uncompressed_size), Qt::Uninitialized);
        unzOpenCurrentFile(zip);
        unzReadCurrentFile(zip, bytes.data(), unsigned(bytes.size()));
        unzCloseCurrentFile(zip);
        out.insert(QString::fromUtf8(name), bytes);
    }
    unzClose(zip);
    return out;
}

} // namespace

class PrivacyTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<EngineHarness> h;
    QTemporaryDir m_out;
    qint64 tenant = 0;
    qint64 owner = 0;
    qint64 agent = 0;
    Channel channel;
    qint64 contactA = 0;
    qint64 chatA = 0;
    QString mediaRef;

    PrivacyService &privacy() { return h->engine().privacy(); }
    int countWhere(const QString &sql, const SqlParams &params)
    {
        auto n = h->run([&](Store &s) {
            return sql::guard([&] {
                // The raw webhooks are in the inbox (on SQLite a file of its own).
                SqlBackend &db =
                    sql.contains(QLatin1String("inbound_events")) ? s.inboxBackend() : s.backend();
                return db.query(sql, params).first()[0].toInt();
            });
        });
        return n ? n.value() : -1;
    }
    // Whether any text the database holds for this store still names the customer or what they
    // wrote (messages, outbox payloads, raw webhooks, traces, retrieval lines, the audit log).
    bool stillKnown(const QString &needle)
    {
        const QString like = QLatin1Char('%') + needle + QLatin1Char('%');
        int total = 0;
        for (const QString &sql :
             {QStringLiteral("SELECT COUNT(*) FROM messages WHERE tenant_id = ? AND body LIKE ?"),
              QStringLiteral("SELECT COUNT(*) FROM outbox WHERE tenant_id = ? AND payload LIKE ?"),
              QStringLiteral("SELECT COUNT(*) FROM inbound_events WHERE tenant_id = ? AND body "
                             "LIKE ?"),
              QStringLiteral("SELECT COUNT(*) FROM execution_traces WHERE tenant_id = ? AND "
                             "trace LIKE ?"),
              QStringLiteral("SELECT COUNT(*) FROM retrieval_log WHERE tenant_id = ? AND "
                             "question LIKE ?"),
              QStringLiteral("SELECT COUNT(*) FROM contacts WHERE tenant_id = ? AND phone LIKE ?"),
              QStringLiteral(
                  "SELECT COUNT(*) FROM audit_log WHERE tenant_id = ? AND detail LIKE ?")}) {
            const int n = countWhere(sql, {tenant, like});
            if (n != 0)
                qInfo() << needle << "still in:" << sql.section(QLatin1Char(' '), 3, 3);
            total += n;
        }
        return total != 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        h = std::make_unique<EngineHarness>(Engine::Options{}, true);
        QVERIFY(h->start());
        tenant = h->addTenant();
        channel = h->addChannel(tenant, QStringLiteral("simulator"), {});
        QVERIFY(channel.id > 0);
        QVERIFY(h->settle());
        SD_TAKE(o, h->run([&](Store &s) {
            Operator op;
            op.name = QStringLiteral("Meena");
            return OperatorAccounts::add(s, tenant, 0, op, QStringLiteral("x"));
        }));
        owner = o.id;
        SD_TAKE(a, h->run([&](Store &s) {
            Operator op;
            op.name = QStringLiteral("Priya");
            op.role = OperatorRole::Agent;
            return OperatorAccounts::add(s, tenant, owner, op, QStringLiteral("x"));
        }));
        agent = a.id;
        // Customer A: a chat with the bot (trace, retrieval), a photo, an order, credit, a
        // reminder. Customer B: a chat of their own.
        QVERIFY(!h->sayToBot(channel.id, kPhoneA, QStringLiteral("Asha"), kSecretText)
                     .decision.isEmpty());
        QVERIFY(!h->sayToBot(channel.id, kPhoneA, QStringLiteral("Asha"),
                             QStringLiteral("what are your delivery charges?"))
                     .decision.isEmpty());
        QVERIFY(!h->sayToBot(channel.id, kPhoneB, QStringLiteral("Ravi"), QStringLiteral("hello"))
                     .decision.isEmpty());
        SD_TAKE(contact, h->run([&](Store &s) {
            return CustomerData::contactByPhone(s, tenant, QStringLiteral("+91 98000 00111"));
        }));
        contactA = contact;
        chatA = countWhere(QStringLiteral("SELECT MAX(id) FROM conversations WHERE tenant_id = ? "
                                          "AND contact_id = ?"),
                           {tenant, contactA});
        QVERIFY(chatA > 0);
        mediaRef = QStringLiteral("media/%1/received/asha-photo.jpg").arg(tenant);
        QDir(h->dataDir()).mkpath(QStringLiteral("media/%1/received").arg(tenant));
        QFile photo(QDir(h->dataDir()).filePath(mediaRef));
        QVERIFY(photo.open(QIODevice::WriteOnly));
        photo.write("JPEG-BYTES-OF-ASHA");
        photo.close();
        SD_VERIFY_OK(h->run([&](Store &s) -> Status {
            Message m;
            m.conversationId = chatA;
            m.direction = Direction::Inbound;
            m.author = Author::Customer;
            m.type = QStringLiteral("image");
            m.body = QStringLiteral("photo of my list");
            m.mediaRef = mediaRef;
            if (auto added = s.conversations().appendMessage(tenant, m); !added)
                return Status::failure(added);
            if (auto shared = MediaFiles::share(s, tenant, mediaRef, photo.fileName(),
                                                QStringLiteral("image/jpeg"));
                !shared)
                return shared;
            LedgerEntry credit;
            credit.contactId = contactA;
            credit.amountMinor = 12000;
            credit.note = QStringLiteral("milk on credit for Asha at B-14");
            if (auto added = s.ledger().record(tenant, credit); !added)
                return Status::failure(added);
            if (auto ordered = sql::guard([&] {
                    s.backend().exec(QStringLiteral("INSERT INTO orders (tenant_id, contact_id, "
                                                    "conversation_id, total_minor, created_at, "
                                                    "updated_at) VALUES (?, ?, ?, 12000, ?, ?)"),
                                     {tenant, contactA, chatA, sql::now(), sql::now()});
                    return Done{};
                });
                !ordered)
                return ordered;
            Reminder r;
            r.tenantId = tenant;
            r.contactId = contactA;
            r.conversationId = chatA;
            r.dueAt = QDateTime::currentDateTimeUtc().addDays(3);
            r.body = QStringLiteral("Asha, please pay 120");
            r.amountMinor = 12000;
            return statusOf(s.agent().addReminder(r));
        }));
    }

    void anOwnerExportsEverythingKeptAboutACustomer()
    {
        const QString zip = m_out.filePath(QStringLiteral("asha.zip"));
        auto refused = answerOf<Done>([&](auto done) {
            privacy().exportCustomer(tenant, agent, contactA, zip, this, std::move(done));
        });
        QCOMPARE(refused.errorKind(), ErrorKind::Forbidden);
        QVERIFY(!QFile::exists(zip));
        SD_VERIFY_OK(answerOf<Done>([&](auto done) {
            privacy().exportCustomer(tenant, owner, contactA, zip, this, std::move(done));
        }));
        const QMap<QString, QByteArray> entries = unzipAll(zip);
        for (const QString &name :
             {QStringLiteral("customer.json"), QStringLiteral("conversations.json"),
              QStringLiteral("messages.json"), QStringLiteral("orders.json"),
              QStringLiteral("order_lines.json"), QStringLiteral("ledger.json"),
              QStringLiteral("reminders.json"), QStringLiteral("traces.json"),
              QStringLiteral("retrieval_log.json"), QStringLiteral("media/asha-photo.jpg")})
            QVERIFY2(entries.contains(name), qPrintable(name + QStringLiteral(" missing: ") +
                                                        QStringList(entries.keys()).join(u',')));
        QCOMPARE(QJsonDocument::fromJson(entries.value(QStringLiteral("customer.json")))
                     .object()
                     .value(QStringLiteral("phone"))
                     .toString(),
                 kPhoneA);
        QVERIFY(entries.value(QStringLiteral("messages.json")).contains(kSecretText.toUtf8()));
        QVERIFY(!entries.value(QStringLiteral("messages.json")).contains("hello")); // not B's
        QVERIFY(
            QJsonDocument::fromJson(entries.value(QStringLiteral("traces.json"))).array().size() >=
            2);
        QCOMPARE(
            QJsonDocument::fromJson(entries.value(QStringLiteral("ledger.json"))).array().size(),
            1);
        QCOMPARE(
            QJsonDocument::fromJson(entries.value(QStringLiteral("reminders.json"))).array().size(),
            1);
        QCOMPARE(entries.value(QStringLiteral("media/asha-photo.jpg")),
                 QByteArray("JPEG-BYTES-OF-ASHA"));
        QCOMPARE(countWhere(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE tenant_id = ? AND "
                                           "action = 'customer.export' AND operator_id = ?"),
                            {tenant, owner}),
                 1);
    }

    void erasingLeavesNothingButTheAccounts()
    {
        QVERIFY(stillKnown(kSecretText.left(20)));
        QVERIFY(stillKnown(kPhoneA));
        // The reports' facts about the customer's chats (when they wrote, their moods) go too.
        const QString factsOfA = QStringLiteral(
            "SELECT COUNT(*) FROM chat_activity WHERE tenant_id = ? AND conversation_id IN (%1)");
        auto ids = h->run([&](Store &s) {
            return sql::guard([&] {
                QStringList out;
                for (const SqlRow &r : s.backend().query(
                         QStringLiteral("SELECT id FROM conversations WHERE tenant_id = ? AND "
                                        "contact_id = ?"),
                         {tenant, contactA}))
                    out << QString::number(r.first().toLongLong());
                return out;
            });
        });
        QVERIFY2(ids, qPrintable(ids.error()));
        const QStringList chatsOfA = ids.value();
        QVERIFY(!chatsOfA.isEmpty());
        QVERIFY(countWhere(factsOfA.arg(chatsOfA.join(QLatin1Char(','))), {tenant}) > 0);
        auto refused = answerOf<Erasure>([&](auto done) {
            privacy().eraseCustomer(tenant, agent, contactA, this, std::move(done));
        });
        QCOMPARE(refused.errorKind(), ErrorKind::Forbidden);
        SD_TAKE(erased, answerOf<Erasure>([&](auto done) {
                    privacy().eraseCustomer(tenant, owner, contactA, this, std::move(done));
                }));
        QVERIFY(erased.messages >= 5); // two questions, two answers, the photo
        QCOMPARE(erased.ordersKept, 1);
        QVERIFY(erased.traces >= 2);
        QVERIFY(!stillKnown(kSecretText.left(20)));
        QVERIFY(!stillKnown(QStringLiteral("delivery charges")));
        QVERIFY(!stillKnown(kPhoneA));
        QVERIFY(!stillKnown(QStringLiteral("B-14")));
        QVERIFY(!QFile::exists(QDir(h->dataDir()).filePath(mediaRef)));
        QCOMPARE(countWhere(factsOfA.arg(chatsOfA.join(QLatin1Char(','))), {tenant}), 0);
        QCOMPARE(countWhere(QStringLiteral("SELECT COUNT(*) FROM media_blobs WHERE tenant_id = ?"),
                            {tenant}),
                 0);
        QCOMPARE(countWhere(QStringLiteral("SELECT COUNT(*) FROM reminders WHERE tenant_id = ? AND "
                                           "contact_id = ?"),
                            {tenant, contactA}),
                 0);
        // The accounts still add up: the order and the credit stay, with no name to them.
        QCOMPARE(countWhere(QStringLiteral("SELECT COUNT(*) FROM orders WHERE tenant_id = ? AND "
                                           "contact_id = ? AND total_minor = 12000"),
                            {tenant, contactA}),
                 1);
        QCOMPARE(countWhere(QStringLiteral("SELECT SUM(amount_minor) FROM ledger_entries WHERE "
                                           "tenant_id = ? AND contact_id = ?"),
                            {tenant, contactA}),
                 12000);
        QCOMPARE(countWhere(QStringLiteral("SELECT COUNT(*) FROM contacts WHERE tenant_id = ? AND "
                                           "id = ? AND name = '' AND erased_at IS NOT NULL"),
                            {tenant, contactA}),
                 1);
        // Customer B is untouched; the erasure is audited; a second one says so.
        QVERIFY(stillKnown(kPhoneB));
        QCOMPARE(countWhere(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE tenant_id = ? AND "
                                           "action = 'customer.erase' AND operator_id = ?"),
                            {tenant, owner}),
                 1);
        auto again = answerOf<Erasure>([&](auto done) {
            privacy().eraseCustomer(tenant, owner, contactA, this, std::move(done));
        });
        QVERIFY(!again);
        QVERIFY2(again.error().contains(QLatin1String("already erased")),
                 qPrintable(again.error()));
    }

    void stopMeansNoRemindersOrTemplatesUntilStart()
    {
        const AgentTurn::Outcome stop =
            h->sayToBot(channel.id, kPhoneB, QStringLiteral("Ravi"), QStringLiteral("STOP"));
        QVERIFY2(stop.reply.contains(QLatin1String("no more reminders")), qPrintable(stop.reply));
        const qint64 chatB =
            countWhere(QStringLiteral("SELECT MAX(c.id) FROM conversations c JOIN contacts k ON "
                                      "k.tenant_id = c.tenant_id AND k.id = c.contact_id WHERE "
                                      "c.tenant_id = ? AND k.phone = ?"),
                       {tenant, kPhoneB});
        SD_TAKE(out, h->run([&](Store &s) { return s.conversations().optedOut(tenant, chatB); }));
        QVERIFY(out);
        // A due reminder is cancelled, not sent; a template is refused with the reason.
        const qint64 contactB =
            countWhere(QStringLiteral("SELECT id FROM contacts WHERE tenant_id = ? AND phone = ?"),
                       {tenant, kPhoneB});
        SD_VERIFY_OK(h->run([&](Store &s) -> Status {
            Reminder r;
            r.tenantId = tenant;
            r.contactId = contactB;
            r.conversationId = chatB;
            r.dueAt = QDateTime::currentDateTimeUtc().addSecs(-60);
            r.body = QStringLiteral("Ravi, please pay 50");
            r.amountMinor = 5000;
            return statusOf(s.agent().addReminder(r));
        }));
        const int outboxBefore =
            countWhere(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE tenant_id = ?"), {tenant});
        SD_TAKE(report, h->run([&](Store &s) {
            return ReminderSender::sendDueNow(s, QDateTime::currentDateTimeUtc());
        }));
        QCOMPARE(report.sent, 0);
        QCOMPARE(report.optedOut, 1);
        QCOMPARE(
            countWhere(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE tenant_id = ?"), {tenant}),
            outboxBefore);
        QCOMPARE(countWhere(QStringLiteral("SELECT COUNT(*) FROM reminders WHERE tenant_id = ? AND "
                                           "state = 'cancelled'"),
                            {tenant}),
                 1);
        auto templated = h->run([&](Store &s) {
            OutboundDraft d;
            d.tenantId = tenant;
            d.conversationId = chatB;
            d.author = Author::Human;
            d.operatorId = owner;
            d.templateName = QStringLiteral("offer");
            return MessagingService::enqueue(s, d);
        });
        QVERIFY(!templated);
        QVERIFY2(templated.error().contains(QLatin1String("STOP")), qPrintable(templated.error()));
        // START undoes it, and the bot says so; both are in the audit log.
        const AgentTurn::Outcome start =
            h->sayToBot(channel.id, kPhoneB, QStringLiteral("Ravi"), QStringLiteral("start"));
        QVERIFY2(start.reply.contains(QLatin1String("again")), qPrintable(start.reply));
        SD_TAKE(back, h->run([&](Store &s) { return s.conversations().optedOut(tenant, chatB); }));
        QVERIFY(!back);
        QCOMPARE(countWhere(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE tenant_id = ? AND "
                                           "action IN ('customer.opt_out', 'customer.opt_in')"),
                            {tenant}),
                 2);
        // Only the whole message counts.
        const AgentTurn::Outcome notStop =
            h->sayToBot(channel.id, kPhoneB, QStringLiteral("Ravi"),
                        QStringLiteral("stop by at 5 for the milk?"));
        Q_UNUSED(notStop)
        SD_TAKE(still, h->run([&](Store &s) { return s.conversations().optedOut(tenant, chatB); }));
        QVERIFY(!still);
    }

    void oldTracesAndRetrievalLinesAreDeleted()
    {
        const int before = countWhere(
            QStringLiteral("SELECT COUNT(*) FROM execution_traces WHERE tenant_id = ?"), {tenant});
        QVERIFY(before > 0);
        SD_VERIFY_OK(h->run([&](Store &s) -> Status {
            const qint64 old = QDateTime::currentDateTimeUtc().addDays(-40).toMSecsSinceEpoch();
            return sql::guard([&] {
                s.backend().exec(QStringLiteral("INSERT INTO execution_traces (tenant_id, "
                                                "conversation_id, trace, created_at) VALUES (?, 1, "
                                                "'{}', ?)"),
                                 {tenant, old});
                s.backend().exec(
                    QStringLiteral(
                        "INSERT INTO retrieval_log (tenant_id, at, source, "
                        "question, query, hits, answer, confidence, "
                        "escalated, reason, answered_by, latency_ms) VALUES (?, ?, 'live', 'old', "
                        "'old', '[]', '', 0, 0, '', 'bot', 1)"),
                    {tenant, old});
                return Done{};
            });
        }));
        // Nothing happens without a rule.
        SD_TAKE(none,
                answerOf<int>([&](auto done) { privacy().applyRetention(this, std::move(done)); }));
        QCOMPARE(none, 0);
        SD_VERIFY_OK(h->run([&](Store &s) {
            return s.tenants().setSettings(
                tenant,
                {{QStringLiteral("privacy.trace_retention_days"), QStringLiteral("30")},
                 {QStringLiteral("privacy.retrieval_retention_days"), QStringLiteral("30")}});
        }));
        SD_TAKE(purged,
                answerOf<int>([&](auto done) { privacy().applyRetention(this, std::move(done)); }));
        QCOMPARE(purged, 2);
        QCOMPARE(
            countWhere(QStringLiteral("SELECT COUNT(*) FROM execution_traces WHERE tenant_id = ?"),
                       {tenant}),
            before); // the recent ones stay
        QCOMPARE(countWhere(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE tenant_id = ? AND "
                                           "action = 'retention.purge'"),
                            {tenant}),
                 1);
    }

    void cleanupTestCase() { h.reset(); }
};

QTEST_GUILESS_MAIN(PrivacyTest)
#include "tst_privacy.moc"
