// The storage interface's contract, run unchanged against SQLite and PostgreSQL
// (SHOPDESK_TEST_BACKEND=sqlite|postgresql; ctest registers both).
#include "TestDatabases.h"
#include "TestSupport.h"
#include "demo/DemoStoreLoader.h"
#include "storage/SqlBackend.h"
#include "storage/SqlSupport.h"
#include "storage/Store.h"

#include <QSignalSpy>
#include <QTest>

#include <array>

using namespace shopdesk;

class StoreConformanceTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Store> m_store;
    test::TestDatabases m_databases;

    Tenant addTenant(const QString &slug)
    {
        auto t = m_store->tenants().addTenant(slug, QStringLiteral("Store ") + slug);
        if (!t)
            qFatal("%s", qPrintable(t.error()));
        return t.value();
    }
    Conversation conversationFor(qint64 tenantId, const QString &phone)
    {
        auto contact =
            m_store->conversations().upsertContact(tenantId, phone, QStringLiteral("C ") + phone);
        auto c = m_store->conversations().openConversation(tenantId, contact->id);
        if (!c)
            qFatal("%s", qPrintable(c.error()));
        return c.value();
    }
    static Message text(qint64 conversationId, Author author, const QString &body)
    {
        Message m;
        m.conversationId = conversationId;
        m.author = author;
        m.direction = author == Author::Customer ? Direction::Inbound : Direction::Outbound;
        m.body = body;
        return m;
    }

private Q_SLOTS:
    void init()
    {
        const DatabaseUrl url = m_databases.fresh();
        QVERIFY2(!url.toString().isEmpty(), qPrintable(m_databases.lastError()));
        auto store = Store::open(url);
        QVERIFY2(store.ok(), qPrintable(store.error()));
        m_store = std::move(store).value();
        QCOMPARE(m_store->isPostgres(), test::TestDatabases::postgresWanted());
    }
    void cleanup() { m_store.reset(); }

    void schemaIsCurrentAndMigrateIsIdempotent()
    {
        SD_TAKE(status, m_store->schemaStatus());
        QVERIFY(status.latestVersion >= 1);
        QCOMPARE(status.currentVersion, status.latestVersion);
        QVERIFY(status.pending.isEmpty());
        SD_TAKE(applied, m_store->migrate());
        QVERIFY(applied.isEmpty());
    }

    // The reports' streamed scans: whole numbers (large and negative ones too) and NULLs read
    // straight from the database, text and number parameters bound, and a bad statement refused
    // with the database's reason.
    void numbersAreStreamedAsStored()
    {
        SqlBackend &db = m_store->backend();
        db.exec(QStringLiteral("CREATE TABLE scan_probe (k TEXT, a BIGINT, b BIGINT)"));
        db.exec(QStringLiteral("INSERT INTO scan_probe VALUES ('x', 1, NULL), ('x', ?, -7), "
                               "('y', 3, 4)"),
                {Q_INT64_C(9007199254740993)});
        QList<std::array<qint64, 3>> seen;
        QList<bool> nulls;
        db.scanNumbers(QStringLiteral("SELECT a, b, a + ? FROM scan_probe WHERE k = ? ORDER BY a"),
                       {10, QStringLiteral("x")}, [&](const SqlNumbers &r) {
                           seen.append({r.at(0), r.at(1), r.at(2)});
                           nulls.append(r.isNull(1));
                       });
        QCOMPARE(seen.size(), 2);
        QCOMPARE(seen.at(0), (std::array<qint64, 3>{1, 0, 11}));
        QCOMPARE(seen.at(1), (std::array<qint64, 3>{Q_INT64_C(9007199254740993), -7,
                                                    Q_INT64_C(9007199254741003)}));
        QCOMPARE(nulls, (QList<bool>{true, false}));
        QVERIFY_THROWS_EXCEPTION(SqlError,
                                 db.scanNumbers(QStringLiteral("SELECT nope FROM scan_probe"), {},
                                                [](const SqlNumbers &) {}));
        db.exec(QStringLiteral("DROP TABLE scan_probe"));
    }

    void tenantsAreUniqueBySlug()
    {
        SD_TAKE(a, m_store->tenants().addTenant(QStringLiteral("corner-shop"),
                                                QStringLiteral("Corner Shop")));
        QVERIFY(a.id > 0);
        QVERIFY(a.createdAt.isValid());
        auto duplicate =
            m_store->tenants().addTenant(QStringLiteral("corner-shop"), QStringLiteral("Other"));
        QVERIFY(!duplicate);
        QVERIFY2(duplicate.error().contains(QLatin1String("already exists")),
                 qPrintable(duplicate.error()));
        auto bad = m_store->tenants().addTenant(QStringLiteral("Corner Shop"), QStringLiteral("x"));
        QVERIFY(!bad);
        QVERIFY(bad.error().contains(QLatin1String("not valid")));
        SD_TAKE(found, m_store->tenants().tenantBySlug(QStringLiteral("corner-shop")));
        QCOMPARE(found.id, a.id);
        QCOMPARE(found.name, QStringLiteral("Corner Shop"));
        auto missing = m_store->tenants().tenantBySlug(QStringLiteral("nope"));
        QVERIFY(!missing);
        QVERIFY(missing.error().contains(QLatin1String("nope")));
        SD_TAKE(all, m_store->tenants().tenants());
        QCOMPARE(all.size(), 1);
    }

    void operatorsChannelsAndSettings()
    {
        const Tenant t = addTenant(QStringLiteral("s1"));
        Operator op;
        op.name = QStringLiteral("Priya");
        op.email = QStringLiteral("Priya@Example.com");
        op.role = OperatorRole::Manager;
        SD_TAKE(added, m_store->operators().add(t.id, op));
        QCOMPARE(added.email, QStringLiteral("priya@example.com"));
        SD_TAKE(ops, m_store->operators().list(t.id));
        QCOMPARE(ops.size(), 1);
        QCOMPARE(ops.first().role, OperatorRole::Manager);

        Channel ch;
        ch.provider = QStringLiteral("simulator");
        ch.name = QStringLiteral("Test phone");
        SD_TAKE(channel, m_store->channels().addChannel(t.id, ch));
        QVERIFY(!channel.webhookKey.isEmpty());
        QCOMPARE(channel.configJson, QStringLiteral("{}"));
        ch.provider = QStringLiteral("fax");
        QVERIFY(!m_store->channels().addChannel(t.id, ch)); // only known providers

        SD_VERIFY_OK(m_store->tenants().setSetting(t.id, QStringLiteral("store.hours"),
                                                   QStringLiteral("9-5")));
        SD_VERIFY_OK(m_store->tenants().setSetting(t.id, QStringLiteral("store.hours"),
                                                   QStringLiteral("8-10")));
        SD_TAKE(hours, m_store->tenants().setting(t.id, QStringLiteral("store.hours")));
        QCOMPARE(hours, QStringLiteral("8-10"));
        SD_TAKE(fallback,
                m_store->tenants().setting(t.id, QStringLiteral("missing"), QStringLiteral("x")));
        QCOMPARE(fallback, QStringLiteral("x"));
        SD_VERIFY_OK(m_store->audit().record(t.id, added.id, QStringLiteral("login"),
                                             QStringLiteral("console")));
        SD_TAKE(log, m_store->audit().entries(t.id));
        QCOMPARE(log.size(), 1);
        QCOMPARE(log.first().operatorId, added.id);
    }

    void contactUpsertKeepsKnownName()
    {
        const Tenant t = addTenant(QStringLiteral("s1"));
        SD_TAKE(a, m_store->conversations().upsertContact(t.id, QStringLiteral("919800000001"),
                                                          QStringLiteral("Anjali")));
        SD_TAKE(b, m_store->conversations().upsertContact(t.id, QStringLiteral("919800000001"),
                                                          QString()));
        QCOMPARE(b.id, a.id);
        QCOMPARE(b.name, QStringLiteral("Anjali"));
        SD_TAKE(c, m_store->conversations().upsertContact(t.id, QStringLiteral("919800000001"),
                                                          QStringLiteral("Anjali M")));
        QCOMPARE(c.name, QStringLiteral("Anjali M"));
        QVERIFY(!m_store->conversations().upsertContact(t.id, QStringLiteral("  "), QString()));
    }

    void messagesRoundTripAndPage()
    {
        const Tenant t = addTenant(QStringLiteral("s1"));
        const Conversation c = conversationFor(t.id, QStringLiteral("919800000001"));
        QCOMPARE(c.owner, OwnerKind::Bot);
        QList<Message> batch;
        for (int i = 0; i < 120; ++i)
            batch << text(c.id, i % 2 ? Author::Bot : Author::Customer,
                          QStringLiteral("message %1").arg(i));
        batch[7].body = QStringLiteral("2 दूध aur 1 bread 🙏 — ₹96");
        batch[8].mediaRef = QString();
        SD_TAKE(stored, m_store->conversations().appendMessages(t.id, batch));
        QCOMPARE(stored.size(), 120);
        for (int i = 1; i < stored.size(); ++i)
            QVERIFY(stored[i].id > stored[i - 1].id);

        SD_TAKE(latest, m_store->conversations().latestMessages(t.id, c.id, 50));
        QCOMPARE(latest.size(), 50);
        QCOMPARE(latest.last().body, QStringLiteral("message 119"));
        QCOMPARE(latest.first().body, QStringLiteral("message 70"));
        SD_TAKE(older, m_store->conversations().latestMessages(t.id, c.id, 50, latest.first().id));
        QCOMPARE(older.last().body, QStringLiteral("message 69"));
        SD_TAKE(oldest, m_store->conversations().latestMessages(t.id, c.id, 50, older.first().id));
        QCOMPARE(oldest.size(), 20);
        QCOMPARE(oldest[7].body, QStringLiteral("2 दूध aur 1 bread 🙏 — ₹96"));
        QCOMPARE(oldest[7].author, Author::Bot);
        QCOMPARE(oldest[7].direction, Direction::Outbound);
        QVERIFY(oldest[8].mediaRef.isEmpty());
        QCOMPARE(oldest[0].status, MessageStatus::Received);
    }

    void sentBatchKeepsLaterStatusesAndTenants()
    {
        const Tenant t = addTenant(QStringLiteral("s1"));
        const Tenant other = addTenant(QStringLiteral("s2"));
        const Conversation c = conversationFor(t.id, QStringLiteral("919800000001"));
        Channel ch;
        ch.provider = QStringLiteral("simulator");
        ch.name = QStringLiteral("Test phone");
        SD_TAKE(channel, m_store->channels().addChannel(t.id, ch));
        QList<qint64> outbox;
        QList<qint64> messages;
        for (int i = 0; i < 3; ++i) {
            SD_TAKE(queued,
                    m_store->outbox().enqueue(t.id, channel.id,
                                              text(c.id, Author::Bot, QStringLiteral("r%1").arg(i)),
                                              QStringLiteral("text"), QStringLiteral("{}")));
            outbox << queued.outboxId;
            messages << queued.message.id;
        }
        // A delivery status overtook the send's own record: the bubble stays 'delivered'.
        SD_VERIFY_OK(m_store->conversations().advanceStatus(t.id, messages[1],
                                                            MessageStatus::Delivered, {}));
        QSignalSpy updated(&m_store->conversations(), &ConversationStore::messageUpdated);
        SD_VERIFY_OK(m_store->outbox().markSentMany(
            {{t.id, outbox[0], messages[0], QStringLiteral("wamid.A")},
             {t.id, outbox[1], messages[1], QStringLiteral("wamid.B")},
             // Another store's id for this row changes nothing (every row is tenant-scoped).
             {other.id, outbox[2], messages[2], QStringLiteral("wamid.X")}}));
        QCOMPARE(updated.size(), 2);
        SD_TAKE(latest, m_store->conversations().latestMessages(t.id, c.id, 10));
        QCOMPARE(latest.size(), 3);
        QCOMPARE(latest[0].status, MessageStatus::Sent);
        QCOMPARE(latest[0].providerMessageId, QStringLiteral("wamid.A"));
        QVERIFY(latest[0].sentAt.isValid());
        QCOMPARE(latest[1].status, MessageStatus::Delivered);
        QCOMPARE(latest[1].providerMessageId, QStringLiteral("wamid.B"));
        QCOMPARE(latest[2].status, MessageStatus::Queued);
        QVERIFY(latest[2].providerMessageId.isEmpty());
        SD_TAKE(rows, m_store->outbox().items(t.id));
        QStringList states;
        for (const OutboxItem &item : std::as_const(rows))
            states << toText(item.state);
        states.sort();
        QCOMPARE(states, (QStringList{QStringLiteral("pending"), QStringLiteral("sent"),
                                      QStringLiteral("sent")}));
    }

    void conversationClocksAndWindow()
    {
        const Tenant t = addTenant(QStringLiteral("s1"));
        const Conversation c = conversationFor(t.id, QStringLiteral("919800000001"));
        QVERIFY(!c.windowClosesAt().isValid());
        const QDateTime customerAt = QDateTime::currentDateTimeUtc().addSecs(-3600);
        Message in = text(c.id, Author::Customer, QStringLiteral("hi"));
        in.createdAt = customerAt;
        Message out = text(c.id, Author::Bot, QStringLiteral("hello"));
        out.createdAt = customerAt.addSecs(60);
        SD_VERIFY_OK(m_store->conversations().appendMessages(t.id, {in, out}));
        SD_TAKE(after, m_store->conversations().conversation(t.id, c.id));
        QCOMPARE(after.lastCustomerMessageAt.toMSecsSinceEpoch(), customerAt.toMSecsSinceEpoch());
        QCOMPARE(after.windowClosesAt().toMSecsSinceEpoch(),
                 customerAt.addSecs(24 * 3600).toMSecsSinceEpoch());
        // A late-arriving older message never moves the clocks backwards.
        Message late = text(c.id, Author::Customer, QStringLiteral("earlier"));
        late.createdAt = customerAt.addSecs(-600);
        SD_VERIFY_OK(m_store->conversations().appendMessage(t.id, late));
        SD_TAKE(again, m_store->conversations().conversation(t.id, c.id));
        QCOMPARE(again.lastCustomerMessageAt.toMSecsSinceEpoch(), customerAt.toMSecsSinceEpoch());
        QVERIFY(again.lastMessageAt >= customerAt.addSecs(60));
    }

    void summariesNewestFirstWithPreviewAndOwner()
    {
        const Tenant t = addTenant(QStringLiteral("s1"));
        Operator op;
        op.name = QStringLiteral("Imran Khan");
        op.email = QStringLiteral("imran@example.com");
        SD_TAKE(imran, m_store->operators().add(t.id, op));
        const Conversation a = conversationFor(t.id, QStringLiteral("919800000001"));
        const Conversation b = conversationFor(t.id, QStringLiteral("919800000002"));
        SD_VERIFY_OK(m_store->conversations().appendMessage(
            t.id, text(a.id, Author::Customer, QStringLiteral("first"))));
        SD_VERIFY_OK(m_store->conversations().appendMessage(
            t.id, text(b.id, Author::Customer, QStringLiteral("second"))));
        Message newest = text(a.id, Author::Bot, QStringLiteral("newest"));
        newest.createdAt = QDateTime::currentDateTimeUtc().addSecs(5);
        SD_VERIFY_OK(m_store->conversations().appendMessage(t.id, newest));
        SD_VERIFY_OK(m_store->conversations().setOwner(t.id, a.id, OwnerKind::Human, imran.id));
        SD_TAKE(list, m_store->conversations().summaries(t.id));
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0].conversation.id, a.id);
        QCOMPARE(list[0].lastMessagePreview, QStringLiteral("newest"));
        QCOMPARE(list[0].ownerName, QStringLiteral("Imran Khan"));
        QCOMPARE(list[0].conversation.owner, OwnerKind::Human);
        QCOMPARE(list[1].contactName, QStringLiteral("C 919800000002"));
    }

    void ownershipRules()
    {
        const Tenant t = addTenant(QStringLiteral("s1"));
        const Conversation c = conversationFor(t.id, QStringLiteral("919800000001"));
        QVERIFY(!m_store->conversations().setOwner(t.id, c.id, OwnerKind::Human, 0));
        SD_TAKE(escalated, m_store->conversations().setNeedsHuman(
                               t.id, c.id, true, QStringLiteral("asked for a person")));
        QVERIFY(escalated.needsHuman);
        QCOMPARE(escalated.escalationReason, QStringLiteral("asked for a person"));
        QSignalSpy changed(&m_store->conversations(), &ConversationStore::conversationChanged);
        SD_TAKE(closed, m_store->conversations().setOwner(t.id, c.id, OwnerKind::Closed));
        QCOMPARE(closed.owner, OwnerKind::Closed);
        QVERIFY(!closed.needsHuman);
        QCOMPARE(changed.size(), 1);
        // The customer writes again: the same conversation opens again, to the bot, with a
        // line that says so.
        QSignalSpy lines(&m_store->conversations(), &ConversationStore::messagesAppended);
        SD_TAKE(next, m_store->conversations().openConversation(t.id, c.contactId));
        QCOMPARE(next.id, c.id);
        QCOMPARE(next.owner, OwnerKind::Bot);
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines.first().at(2).value<QList<Message>>().first().author, Author::System);
        // A conversation imported with its own start date is a new one.
        SD_TAKE(closedAgain, m_store->conversations().setOwner(t.id, c.id, OwnerKind::Closed));
        QCOMPARE(closedAgain.owner, OwnerKind::Closed);
        SD_TAKE(imported, m_store->conversations().openConversation(
                              t.id, c.contactId, 0, QDateTime::currentDateTimeUtc().addDays(-1)));
        QVERIFY(imported.id != c.id);
        SD_TAKE(reopenedNot, m_store->conversations().openConversation(t.id, c.contactId));
        QCOMPARE(reopenedNot.id, imported.id);
    }

    void appendEmitsOneBatchPerConversation()
    {
        const Tenant t = addTenant(QStringLiteral("s1"));
        const Conversation a = conversationFor(t.id, QStringLiteral("919800000001"));
        const Conversation b = conversationFor(t.id, QStringLiteral("919800000002"));
        QSignalSpy spy(&m_store->conversations(), &ConversationStore::messagesAppended);
        SD_VERIFY_OK(m_store->conversations().appendMessages(
            t.id, {text(a.id, Author::Customer, QStringLiteral("1")),
                   text(a.id, Author::Bot, QStringLiteral("2")),
                   text(b.id, Author::Customer, QStringLiteral("3"))}));
        QCOMPARE(spy.size(), 2);
        QCOMPARE(spy[0][1].toLongLong(), a.id);
        QCOMPARE(spy[0][2].value<QList<Message>>().size(), 2);
        QCOMPARE(spy[1][1].toLongLong(), b.id);
    }

    void failedBatchStoresNothing()
    {
        const Tenant t = addTenant(QStringLiteral("s1"));
        const Conversation a = conversationFor(t.id, QStringLiteral("919800000001"));
        QSignalSpy spy(&m_store->conversations(), &ConversationStore::messagesAppended);
        auto result = m_store->conversations().appendMessages(
            t.id, {text(a.id, Author::Customer, QStringLiteral("kept?")),
                   text(999999, Author::Customer, QStringLiteral("x"))});
        QVERIFY(!result);
        QVERIFY(result.error().contains(QLatin1String("999999")));
        SD_TAKE(messages, m_store->conversations().latestMessages(t.id, a.id, 10));
        QVERIFY(messages.isEmpty());
        QCOMPARE(spy.size(), 0);
    }

    // Store signals wait for the outermost commit: a step that fails later in the same batch
    // rolls everything back and nobody hears of the rows; a committed batch is announced once,
    // when a listener can already read what it announces.
    void signalsWaitForTheOutermostCommit()
    {
        const Tenant t = addTenant(QStringLiteral("s1"));
        const Conversation a = conversationFor(t.id, QStringLiteral("919800000001"));
        QSignalSpy appended(&m_store->conversations(), &ConversationStore::messagesAppended);
        QSignalSpy changed(&m_store->conversations(), &ConversationStore::conversationChanged);
        QSignalSpy settings(&m_store->tenants(), &TenantStore::settingsChanged);
        int heardInside = -1;
        auto failed = sql::guard([&] {
            return sql::transaction(m_store->backend(), [&] {
                sql::need(m_store->conversations().appendMessage(
                    t.id, text(a.id, Author::Customer, QStringLiteral("never happened"))));
                sql::need(m_store->conversations().setLabels(t.id, a.id, {QStringLiteral("x")}));
                sql::need(
                    m_store->tenants().setSetting(t.id, QStringLiteral("k"), QStringLiteral("v")));
                heardInside = int(appended.size() + changed.size() + settings.size());
                throw SqlError(QStringLiteral("a later step failed"));
                return 0;
            });
        });
        QVERIFY(!failed);
        QCOMPARE(heardInside, 0);     // not while the batch was open...
        QCOMPARE(appended.size(), 0); // ...and not after it rolled back
        QCOMPARE(changed.size(), 0);
        QCOMPARE(settings.size(), 0);
        SD_TAKE(none, m_store->conversations().latestMessages(t.id, a.id, 10));
        QVERIFY(none.isEmpty());

        int visibleWhenAnnounced = -1;
        connect(&m_store->conversations(), &ConversationStore::messagesAppended, this,
                [&](qint64 tenantId, qint64 conversationId) {
                    auto seen =
                        m_store->conversations().latestMessages(tenantId, conversationId, 10);
                    visibleWhenAnnounced = seen ? int(seen->size()) : -1;
                });
        SD_VERIFY_OK(sql::guard([&] {
            return sql::transaction(m_store->backend(), [&] {
                sql::need(m_store->conversations().appendMessage(
                    t.id, text(a.id, Author::Customer, QStringLiteral("one"))));
                sql::need(m_store->conversations().appendMessage(
                    t.id, text(a.id, Author::Customer, QStringLiteral("two"))));
                heardInside = int(appended.size());
                return 0;
            });
        }));
        QCOMPARE(heardInside, 0);
        QCOMPARE(appended.size(), 2);
        QCOMPARE(visibleWhenAnnounced, 2);
    }

    void inboundEventsAreRecordedOnce()
    {
        const Tenant t = addTenant(QStringLiteral("s1"));
        Channel ch;
        ch.provider = QStringLiteral("meta");
        ch.name = QStringLiteral("Main number");
        SD_TAKE(one, m_store->channels().addChannel(t.id, ch));
        SD_TAKE(two, m_store->channels().addChannel(t.id, ch));
        InboundEvent e;
        e.channelId = one.id;
        e.providerMessageId = QStringLiteral("wamid.ABC");
        e.body = QByteArrayLiteral("{\"object\":\"whatsapp_business_account\"}");
        e.tenantId = t.id;
        SD_TAKE(first, m_store->inbox().record({e}));
        QCOMPARE(first, QList<bool>{true});
        SD_TAKE(repeat, m_store->inbox().record({e}));
        QCOMPARE(repeat, QList<bool>{false});
        e.channelId = two.id; // the same id on another channel is another event
        SD_TAKE(other, m_store->inbox().record({e}));
        QCOMPARE(other, QList<bool>{true});
    }

    void productUpsertIsAllOrNothing()
    {
        const Tenant t = addTenant(QStringLiteral("s1"));
        Product milk;
        milk.sku = QStringLiteral("DAI-001");
        milk.name = QStringLiteral("Toned Milk");
        milk.aliases = {QStringLiteral("doodh"), QStringLiteral("milk")};
        milk.priceMinor = 2800;
        milk.stock = 40;
        milk.lowStockThreshold = 5;
        SD_TAKE(n, m_store->catalog().upsertProducts(t.id, {milk}));
        QCOMPARE(n, 1);
        Product bad = milk;
        bad.sku = QStringLiteral("BAD-1");
        bad.priceMinor = -1;
        milk.priceMinor = 3000;
        auto rejected = m_store->catalog().upsertProducts(t.id, {milk, bad});
        QVERIFY(!rejected);
        QVERIFY(rejected.error().contains(QLatin1String("BAD-1")));
        SD_TAKE(products, m_store->catalog().products(t.id));
        QCOMPARE(products.size(), 1);
        QCOMPARE(products.first().priceMinor, 2800);
        SD_VERIFY_OK(m_store->catalog().upsertProducts(t.id, {milk}));
        SD_TAKE(updated, m_store->catalog().products(t.id));
        QCOMPARE(updated.size(), 1);
        QCOMPARE(updated.first().priceMinor, 3000);
        QCOMPARE(updated.first().aliases,
                 (QStringList{QStringLiteral("doodh"), QStringLiteral("milk")}));
        QCOMPARE(updated.first().stock, 40.0);
    }

    void ordersAndLedger()
    {
        const Tenant t = addTenant(QStringLiteral("s1"));
        Product milk;
        milk.sku = QStringLiteral("DAI-001");
        milk.name = QStringLiteral("Toned Milk");
        milk.priceMinor = 2800;
        SD_VERIFY_OK(m_store->catalog().upsertProducts(t.id, {milk}));
        SD_TAKE(products, m_store->catalog().products(t.id));
        const Conversation c = conversationFor(t.id, QStringLiteral("919800000001"));
        Order order;
        order.contactId = c.contactId;
        order.conversationId = c.id;
        order.lines = {{0, products.first().id, QString(), 2.5, QStringLiteral("500 ml"), 2800, 0}};
        SD_TAKE(stored, m_store->catalog().addOrder(t.id, order));
        QCOMPARE(stored.totalMinor, 7000);
        SD_TAKE(orders, m_store->catalog().orders(t.id));
        QCOMPARE(orders.size(), 1);
        QCOMPARE(orders.first().lines.size(), 1);
        QCOMPARE(orders.first().lines.first().productName, QStringLiteral("Toned Milk"));
        QVERIFY(!m_store->catalog().addOrder(t.id, Order{}));

        LedgerEntry credit;
        credit.contactId = c.contactId;
        credit.amountMinor = 124000;
        SD_VERIFY_OK(m_store->ledger().record(t.id, credit));
        LedgerEntry payment = credit;
        payment.kind = LedgerEntry::Kind::Payment;
        payment.amountMinor = 100000;
        SD_VERIFY_OK(m_store->ledger().record(t.id, payment));
        SD_TAKE(balance, m_store->ledger().balance(t.id, c.contactId));
        QCOMPARE(balance, 24000);
        payment.amountMinor = 0;
        QVERIFY(!m_store->ledger().record(t.id, payment));
    }

    void knowledgeDocumentIsReplacedWhole()
    {
        const Tenant t = addTenant(QStringLiteral("s1"));
        KnowledgeDocument doc;
        doc.title = QStringLiteral("Delivery");
        doc.sourceName = QStringLiteral("delivery.md");
        SD_TAKE(first,
                m_store->knowledge().putDocument(
                    t.id, doc,
                    {{0, 0, 0, QStringLiteral("Areas"), QStringLiteral("We deliver to A."), true},
                     {0, 0, 0, QStringLiteral("Charges"), QStringLiteral("Rs 30."), true}}));
        SD_TAKE(second,
                m_store->knowledge().putDocument(t.id, doc,
                                                 {{0, 0, 0, QStringLiteral("Areas"),
                                                   QStringLiteral("We deliver to B."), true}}));
        QCOMPARE(second.id, first.id);
        SD_TAKE(docs, m_store->knowledge().documents(t.id));
        QCOMPARE(docs.size(), 1);
        QCOMPARE(docs.first().chunkCount, 1);
        SD_TAKE(chunks, m_store->knowledge().chunks(t.id, first.id));
        QCOMPARE(chunks.size(), 1);
        QCOMPARE(chunks.first().text, QStringLiteral("We deliver to B."));
    }

    // One store must never see or change another's rows through the storage API.
    void tenantIsolation()
    {
        const Tenant a = addTenant(QStringLiteral("store-a"));
        const Tenant b = addTenant(QStringLiteral("store-b"));
        const Conversation ca = conversationFor(a.id, QStringLiteral("919800000001"));
        SD_TAKE(ma, m_store->conversations().appendMessage(
                        a.id, text(ca.id, Author::Customer, QStringLiteral("secret"))));
        Channel ch;
        ch.provider = QStringLiteral("meta");
        ch.name = QStringLiteral("A's number");
        SD_TAKE(channelA, m_store->channels().addChannel(a.id, ch));
        KnowledgeDocument doc;
        doc.title = QStringLiteral("A");
        doc.sourceName = QStringLiteral("a.md");
        SD_TAKE(docA, m_store->knowledge().putDocument(
                          a.id, doc, {{0, 0, 0, QString(), QStringLiteral("A only"), true}}));
        Product p;
        p.sku = QStringLiteral("A-1");
        p.name = QStringLiteral("A product");
        SD_VERIFY_OK(m_store->catalog().upsertProducts(a.id, {p}));
        SD_TAKE(productsA, m_store->catalog().products(a.id));
        LedgerEntry credit;
        credit.contactId = ca.contactId;
        credit.amountMinor = 500;
        SD_VERIFY_OK(m_store->ledger().record(a.id, credit));
        SD_VERIFY_OK(m_store->tenants().setSetting(a.id, QStringLiteral("store.hours"),
                                                   QStringLiteral("A hours")));

        // Reads through B's scope find nothing of A's.
        QVERIFY(!m_store->conversations().conversation(b.id, ca.id));
        SD_TAKE(messages, m_store->conversations().latestMessages(b.id, ca.id, 50));
        QVERIFY(messages.isEmpty());
        SD_TAKE(summaries, m_store->conversations().summaries(b.id));
        QVERIFY(summaries.isEmpty());
        SD_TAKE(contacts, m_store->conversations().contacts(b.id));
        QVERIFY(contacts.isEmpty());
        SD_TAKE(chunks, m_store->knowledge().chunks(b.id, docA.id));
        QVERIFY(chunks.isEmpty());
        SD_TAKE(docs, m_store->knowledge().documents(b.id));
        QVERIFY(docs.isEmpty());
        SD_TAKE(products, m_store->catalog().products(b.id));
        QVERIFY(products.isEmpty());
        SD_TAKE(ledger, m_store->ledger().entries(b.id, ca.contactId));
        QVERIFY(ledger.isEmpty());
        SD_TAKE(balance, m_store->ledger().balance(b.id, ca.contactId));
        QCOMPARE(balance, 0);
        SD_TAKE(channels, m_store->channels().channels(b.id));
        QVERIFY(channels.isEmpty());
        SD_TAKE(hours, m_store->tenants().setting(b.id, QStringLiteral("store.hours")));
        QVERIFY(hours.isEmpty());

        // Writes through B's scope cannot reach A's rows.
        QVERIFY(!m_store->conversations().setOwner(b.id, ca.id, OwnerKind::Closed));
        QVERIFY(!m_store->conversations().setNeedsHuman(b.id, ca.id, true, QStringLiteral("x")));
        QVERIFY(!m_store->conversations().appendMessage(
            b.id, text(ca.id, Author::Bot, QStringLiteral("injected"))));
        QVERIFY(!m_store->conversations().openConversation(b.id, ca.contactId));
        Order order;
        order.contactId = ca.contactId;
        order.lines = {{0, productsA.first().id, QString(), 1, QString(), 100, 0}};
        QVERIFY(!m_store->catalog().addOrder(b.id, order));
        QVERIFY(!m_store->ledger().record(b.id, credit));
        InboundEvent e;
        e.channelId = channelA.id;
        e.providerMessageId = QStringLiteral("wamid.X");
        e.body = "{}";
        e.tenantId = b.id; // B's event on A's channel
        QVERIFY(!m_store->inbox().record({e}));

        // And A's data is untouched.
        SD_TAKE(stillA, m_store->conversations().conversation(a.id, ca.id));
        QCOMPARE(stillA.owner, OwnerKind::Bot);
        SD_TAKE(aMessages, m_store->conversations().latestMessages(a.id, ca.id, 50));
        QCOMPARE(aMessages.size(), 1);
        QCOMPARE(aMessages.first().id, ma.id);
    }

    void demoStoreLoadsOnce()
    {
        SD_TAKE(summary, DemoStoreLoader::load(*m_store, false));
        QVERIFY(!summary.alreadyLoaded);
        QCOMPARE(summary.slug, QStringLiteral("demo"));
        QCOMPARE(summary.products, 200);
        QCOMPARE(summary.conversations, 50);
        QVERIFY(summary.documents >= 5);
        QVERIFY(summary.customers >= 10);
        QVERIFY(summary.messages >= 100);
        SD_TAKE(products, m_store->catalog().products(summary.tenantId));
        QCOMPARE(products.size(), 200);
        QVERIFY(std::any_of(products.cbegin(), products.cend(),
                            [](const Product &p) { return p.outOfStock(); }));
        QVERIFY(std::any_of(products.cbegin(), products.cend(), [](const Product &p) {
            return p.aliases.contains(QStringLiteral("doodh"));
        }));
        SD_TAKE(summaries, m_store->conversations().summaries(summary.tenantId));
        QCOMPARE(summaries.size(), 50);
        const auto owned = [&](OwnerKind k) {
            return std::count_if(
                summaries.cbegin(), summaries.cend(),
                [k](const ConversationSummary &s) { return s.conversation.owner == k; });
        };
        QVERIFY(owned(OwnerKind::Human) >= 1);
        QVERIFY(owned(OwnerKind::Closed) >= 20);
        QVERIFY(std::any_of(summaries.cbegin(), summaries.cend(), [](const ConversationSummary &s) {
            return s.conversation.needsHuman;
        }));
        SD_TAKE(again, DemoStoreLoader::load(*m_store));
        QVERIFY(again.alreadyLoaded);
        SD_TAKE(tenants, m_store->tenants().tenants());
        QCOMPARE(tenants.size(), 1);
    }
};

QTEST_GUILESS_MAIN(StoreConformanceTest)
#include "tst_store_conformance.moc"
