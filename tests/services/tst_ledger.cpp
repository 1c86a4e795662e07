// The customers' ledger (udhaar) and the customers list: running balance, reversing entries,
// an order on credit, who may write, the audit, reminders that follow payments, search, walk-in
// customers, and finding a customer by name, nickname or number. On SQLite and PostgreSQL.
#include "accounts/AccountsService.h"
#include "accounts/CustomerLookup.h"
#include "agent/ReminderSender.h"
#include "agent/ShopTools.h"
#include "core/Money.h"

#include "EngineHarness.h"
#include "TestSupport.h"
#include "storage/SqlBackend.h"
#include "storage/SqlSupport.h"
#include "storage/Store.h"

#include <QSignalSpy>
#include <QTest>

using namespace shopdesk;

class LedgerTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::EngineHarness> h;
    qint64 tenant = 0;
    qint64 owner = 0;
    qint64 agent = 0;
    qint64 rahul = 0; // a WhatsApp customer

    qint64 addOperator(const QString &name, OperatorRole role)
    {
        Operator op;
        op.name = name;
        op.role = role;
        auto added = h->run([&](Store &s) { return s.operators().add(tenant, op); });
        return added ? added->id : 0;
    }
    LedgerEntry entry(LedgerEntry::Kind kind, qint64 amount,
                      LedgerEntry::Method method = LedgerEntry::Method::None)
    {
        LedgerEntry e;
        e.contactId = rahul;
        e.kind = kind;
        e.amountMinor = amount;
        e.method = method;
        return e;
    }
    Result<LedgerEntry> record(qint64 actor, const LedgerEntry &e)
    {
        return h->run([&](Store &s) { return AccountsService::record(s, tenant, actor, e); });
    }
    int count(const QString &sql, const QVariantList &params)
    {
        auto n = h->run([&](Store &s) {
            return sql::guard([&] { return s.backend().query(sql, params).first()[0].toInt(); });
        });
        return n ? n.value() : -1;
    }

private Q_SLOTS:
    void init()
    {
        h = std::make_unique<test::EngineHarness>();
        QVERIFY(h->start());
        tenant = h->addTenant();
        owner = addOperator(QStringLiteral("Owner"), OperatorRole::Owner);
        agent = addOperator(QStringLiteral("Asha"), OperatorRole::Agent);
        QVERIFY(owner > 0 && agent > 0);
        SD_TAKE(c, h->run([&](Store &s) {
            return s.conversations().upsertContact(tenant, QStringLiteral("919800000001"),
                                                   QStringLiteral("Rahul Sharma"));
        }));
        rahul = c.id;
    }
    void cleanup() { h.reset(); }

    void runningBalanceAndReversingEntries()
    {
        SD_TAKE(credit, record(owner, entry(LedgerEntry::Kind::Credit, 50000)));
        SD_TAKE(paid,
                record(owner, entry(LedgerEntry::Kind::Payment, 20000, LedgerEntry::Method::Upi)));
        SD_VERIFY_OK(record(owner, entry(LedgerEntry::Kind::Credit, 30000)));
        QCOMPARE(paid.method, LedgerEntry::Method::Upi);
        QCOMPARE(paid.operatorId, owner);

        // A payment typed by mistake is undone by a reversing entry, never edited.
        SD_TAKE(undo, h->run([&](Store &s) {
            return AccountsService::reverse(s, tenant, owner, paid.id,
                                            QStringLiteral("typed twice"));
        }));
        QCOMPARE(undo.kind, LedgerEntry::Kind::Credit);
        QCOMPARE(undo.amountMinor, 20000);
        QCOMPARE(undo.reversesId, paid.id);
        QVERIFY(undo.note.contains(QLatin1String("typed twice")));

        SD_TAKE(book,
                h->run([&](Store &s) { return AccountsService::book(s, tenant, agent, rahul); }));
        QCOMPARE(book.size(), 4);
        QList<qint64> running;
        for (const LedgerEntry &e : book)
            running << e.balanceAfterMinor;
        QCOMPARE(running, (QList<qint64>{50000, 30000, 60000, 80000}));
        QCOMPARE(book.at(1).reversedById, undo.id);
        QCOMPARE(book.at(0).reversedById, 0);
        SD_TAKE(balance, h->run([&](Store &s) { return s.ledger().balance(tenant, rahul); }));
        QCOMPARE(balance, 80000);

        // Reversed once only; a reversal is not itself reversed.
        auto again = h->run(
            [&](Store &s) { return AccountsService::reverse(s, tenant, owner, paid.id, {}); });
        QVERIFY(!again);
        QCOMPARE(again.errorKind(), ErrorKind::Conflict);
        QVERIFY2(again.error().contains(QLatin1String("already reversed")),
                 qPrintable(again.error()));
        auto ofUndo = h->run(
            [&](Store &s) { return AccountsService::reverse(s, tenant, owner, undo.id, {}); });
        QVERIFY(!ofUndo);
        QVERIFY2(ofUndo.error().contains(QLatin1String("correction")), qPrintable(ofUndo.error()));

        // The database itself refuses a change of an entry's amount.
        auto edited = h->run([&](Store &s) {
            return sql::guard([&] {
                s.backend().exec(QStringLiteral("UPDATE ledger_entries SET amount_minor = 1 WHERE "
                                                "tenant_id = ? AND id = ?"),
                                 {tenant, credit.id});
                return 0;
            });
        });
        QVERIFY(!edited);
        QVERIFY2(edited.error().contains(QLatin1String("cannot be changed")),
                 qPrintable(edited.error()));

        // Each write is audited, with the amount and not the note.
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE tenant_id = ? AND "
                                      "action LIKE 'ledger.%' AND operator_id = ?"),
                       {tenant, owner}),
                 4);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE tenant_id = ? AND "
                                      "detail LIKE '%typed twice%'"),
                       {tenant}),
                 0);
    }

    void badEntriesAndWrongPeopleAreRefusedAndWriteNothing()
    {
        auto byAgent = record(agent, entry(LedgerEntry::Kind::Payment, 10000));
        QVERIFY(!byAgent);
        QCOMPARE(byAgent.errorKind(), ErrorKind::Forbidden);
        QVERIFY2(byAgent.error().contains(QLatin1String("manager or the owner")),
                 qPrintable(byAgent.error()));
        auto zero = record(owner, entry(LedgerEntry::Kind::Payment, 0));
        QVERIFY(!zero);
        QVERIFY2(zero.error().contains(QLatin1String("more than zero")), qPrintable(zero.error()));
        auto creditByCard =
            record(owner, entry(LedgerEntry::Kind::Credit, 100, LedgerEntry::Method::Card));
        QVERIFY(!creditByCard);
        LedgerEntry stranger = entry(LedgerEntry::Kind::Credit, 100);
        stranger.contactId = rahul + 1000;
        QVERIFY(!record(owner, stranger));
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM ledger_entries WHERE tenant_id = ?"),
                       {tenant}),
                 0);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE tenant_id = ? AND "
                                      "action LIKE 'ledger.%'"),
                       {tenant}),
                 0);
        // Amounts as people type them.
        bool ok = false;
        QCOMPARE(Money::parse(QStringLiteral("₹1,200.5"), &ok), 120050);
        QVERIFY(ok);
        QCOMPARE(Money::parse(QStringLiteral("Rs. 75"), &ok), 7500);
        QVERIFY(ok);
        Money::parse(QStringLiteral("10.555"), &ok);
        QVERIFY(!ok);
        Money::parse(QStringLiteral("-5"), &ok);
        QVERIFY(!ok);
    }

    void anOrderIsPutOnCreditOnce()
    {
        SD_VERIFY_OK(h->run([&](Store &s) {
            Product p;
            p.sku = QStringLiteral("RICE");
            p.name = QStringLiteral("Rice");
            p.unit = QStringLiteral("kg");
            p.priceMinor = 6000;
            p.stock = 10;
            return s.catalog().upsertProducts(tenant, {p});
        }));
        const auto place = [&](const QString &status) {
            return h->run([&](Store &s) -> Result<Order> {
                auto products = s.catalog().products(tenant);
                if (!products)
                    return Result<Order>::failure(products.error());
                Order o;
                o.contactId = rahul;
                o.status = status;
                o.lines.append({0, products->first().id, {}, 2, {}, 6000, 0});
                return s.catalog().addOrder(tenant, o);
            });
        };
        SD_TAKE(open, place(QStringLiteral("open")));
        SD_TAKE(confirmed, place(QStringLiteral("confirmed")));
        const auto onCredit = [&](qint64 order) {
            return h->run([&](Store &s) {
                return AccountsService::putOrderOnCredit(s, tenant, owner, order);
            });
        };
        auto notYet = onCredit(open.id);
        QVERIFY(!notYet);
        QVERIFY2(notYet.error().contains(QLatin1String("not confirmed")),
                 qPrintable(notYet.error()));
        SD_TAKE(credit, onCredit(confirmed.id));
        QCOMPARE(credit.amountMinor, confirmed.totalMinor);
        QCOMPARE(credit.orderId, confirmed.id);
        QCOMPARE(credit.kind, LedgerEntry::Kind::Credit);
        auto twice = onCredit(confirmed.id);
        QVERIFY(!twice);
        QCOMPARE(twice.errorKind(), ErrorKind::Conflict);
        // Undone, it can be put on credit again.
        SD_VERIFY_OK(h->run(
            [&](Store &s) { return AccountsService::reverse(s, tenant, owner, credit.id, {}); }));
        SD_TAKE(again, onCredit(confirmed.id));
        QCOMPARE(again.amountMinor, confirmed.totalMinor);
        SD_TAKE(balance, h->run([&](Store &s) { return s.ledger().balance(tenant, rahul); }));
        QCOMPARE(balance, confirmed.totalMinor);
    }

    void remindersAskForWhatTheLedgerSaysWhenTheyGoOut()
    {
        const Channel channel = h->addChannel(tenant, QStringLiteral("simulator"), {});
        QVERIFY(h->settle());
        SD_TAKE(chat, h->run([&](Store &s) -> Result<qint64> {
            auto c = s.conversations().openConversation(tenant, rahul, channel.id);
            if (!c)
                return Result<qint64>::failure(c.error());
            return c->id;
        }));
        SD_VERIFY_OK(record(owner, entry(LedgerEntry::Kind::Credit, 100000)));
        const auto schedule = [&] {
            return h->run([&](Store &s) {
                auto settings = s.tenants().settings(tenant);
                return ShopTools::addPaymentReminder(s, tenant, settings.value(), rahul, chat, 0);
            });
        };
        SD_VERIFY_OK(schedule());
        // A part payment after the reminder was set: it asks for the rest.
        SD_VERIFY_OK(
            record(owner, entry(LedgerEntry::Kind::Payment, 40000, LedgerEntry::Method::Cash)));
        const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(60);
        SD_TAKE(first, h->run([&](Store &s) { return ReminderSender::sendDueNow(s, later); }));
        QCOMPARE(first.sent, 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM messages WHERE tenant_id = ? AND "
                                      "body LIKE ?"),
                       {tenant, QStringLiteral("%₹600%")}),
                 1);
        // Paid in full before the next one is due: it is cancelled, not sent.
        SD_VERIFY_OK(schedule());
        SD_VERIFY_OK(
            record(owner, entry(LedgerEntry::Kind::Payment, 60000, LedgerEntry::Method::Upi)));
        SD_TAKE(second, h->run([&](Store &s) { return ReminderSender::sendDueNow(s, later); }));
        QCOMPARE(second.sent, 0);
        QCOMPARE(second.paidUp, 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM reminders WHERE tenant_id = ? AND "
                                      "state = 'cancelled' AND error LIKE 'Paid in full%'"),
                       {tenant}),
                 1);
    }

    void customersAreFoundByAnyOfTheirDetails()
    {
        CustomerProfile rahulAtCounter;
        rahulAtCounter.name = QStringLiteral("Rahul Sharma");
        rahulAtCounter.nickname = QStringLiteral("Rahul bhaiya");
        rahulAtCounter.landmark = QStringLiteral("chai stall, near Hanuman mandir");
        rahulAtCounter.labels = {QStringLiteral("udhaar"), QStringLiteral("regular")};
        SD_VERIFY_OK(h->run([&](Store &s) {
            return AccountsService::saveProfile(s, tenant, agent, rahul, rahulAtCounter);
        }));
        CustomerProfile verma;
        verma.name = QStringLiteral("Rahul Verma");
        verma.landmark = QStringLiteral("near the post office");
        verma.notes = QStringLiteral("Pays on the 1st; 100% reliable");
        SD_TAKE(walkIn, h->run([&](Store &s) {
            return AccountsService::addWalkIn(s, tenant, agent, verma);
        }));
        QVERIFY(walkIn.walkIn);
        QVERIFY(walkIn.phone.isEmpty());
        SD_VERIFY_OK(record(owner, entry(LedgerEntry::Kind::Credit, 25000)));

        const auto names = [&](const QString &search) {
            QStringList out;
            auto list = h->run(
                [&](Store &s) { return AccountsService::customers(s, tenant, agent, search); });
            for (const Customer &c : list.value())
                out << c.displayName();
            return out;
        };
        QCOMPARE(names(QString()),
                 (QStringList{QStringLiteral("Rahul Sharma"), QStringLiteral("Rahul Verma")}));
        QCOMPARE(names(QStringLiteral("RAHUL")).size(), 2);
        QCOMPARE(names(QStringLiteral("post office")), QStringList{QStringLiteral("Rahul Verma")});
        QCOMPARE(names(QStringLiteral("bhaiya")), QStringList{QStringLiteral("Rahul Sharma")});
        QCOMPARE(names(QStringLiteral("mandir")), QStringList{QStringLiteral("Rahul Sharma")});
        QCOMPARE(names(QStringLiteral("udhaar")), QStringList{QStringLiteral("Rahul Sharma")});
        QCOMPARE(names(QStringLiteral("9800000001")), QStringList{QStringLiteral("Rahul Sharma")});
        QCOMPARE(names(QStringLiteral("100%")), QStringList{QStringLiteral("Rahul Verma")});
        QCOMPARE(names(QStringLiteral("%")), QStringList{QStringLiteral("Rahul Verma")});
        QVERIFY(names(QStringLiteral("sunita")).isEmpty());

        SD_TAKE(shown, h->run([&](Store &s) { return s.customers().customer(tenant, rahul); }));
        QCOMPARE(shown.balanceMinor, 25000);
        QCOMPARE(shown.profile.labels,
                 (QStringList{QStringLiteral("udhaar"), QStringLiteral("regular")}));
        // The WhatsApp profile name no longer replaces a name the shop typed.
        CustomerProfile renamed = rahulAtCounter;
        renamed.name = QStringLiteral("Rahul S. (tailor)");
        SD_VERIFY_OK(h->run([&](Store &s) {
            return AccountsService::saveProfile(s, tenant, agent, rahul, renamed);
        }));
        SD_VERIFY_OK(h->run([&](Store &s) {
            return s.conversations().upsertContact(tenant, QStringLiteral("919800000001"),
                                                   QStringLiteral("RS"));
        }));
        SD_TAKE(kept, h->run([&](Store &s) { return s.customers().customer(tenant, rahul); }));
        QCOMPARE(kept.profile.name, renamed.name);
        // A walk-in customer needs a name.
        QVERIFY(!h->run([&](Store &s) {
            return AccountsService::addWalkIn(s, tenant, agent, CustomerProfile{});
        }));
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE tenant_id = ? AND "
                                      "action IN ('customer.add', 'customer.update')"),
                       {tenant}),
                 3);
    }

    void aNameThatFitsTwoCustomersAsksWhich()
    {
        CustomerProfile verma;
        verma.name = QStringLiteral("Rahul Verma");
        verma.nickname = QStringLiteral("Rahul teacher");
        SD_VERIFY_OK(h->run([&](Store &s) { return s.customers().addWalkIn(tenant, verma); }));
        auto both = h->run(
            [&](Store &s) { return CustomerLookup::one(s, tenant, QStringLiteral("rahul")); });
        QVERIFY(!both);
        QVERIFY2(both.error().contains(QLatin1String("fits 2 customers")) &&
                     both.error().contains(QLatin1String("Rahul Sharma")) &&
                     both.error().contains(QLatin1String("Rahul teacher")),
                 qPrintable(both.error()));
        SD_TAKE(teacher, h->run([&](Store &s) {
            return CustomerLookup::one(s, tenant, QStringLiteral("rahul teacher"));
        }));
        QCOMPARE(teacher.profile.name, verma.name);
        SD_TAKE(byNumber, h->run([&](Store &s) {
            return CustomerLookup::one(s, tenant, QStringLiteral("+91 98000 00001"));
        }));
        QCOMPARE(byNumber.contactId, rahul);
        SD_TAKE(local, h->run([&](Store &s) {
            return CustomerLookup::one(s, tenant, QStringLiteral("98000-00001"));
        }));
        QCOMPARE(local.contactId, rahul);
        auto nobody = h->run(
            [&](Store &s) { return CustomerLookup::one(s, tenant, QStringLiteral("Sunita")); });
        QVERIFY(!nobody);
        QCOMPARE(nobody.errorKind(), ErrorKind::NotFound);
    }

    void theConsoleHearsOfAnEntryAfterItCommits()
    {
        QSignalSpy changed(&h->store(), &StoreWorker::customersChanged);
        std::optional<Result<LedgerEntry>> answer;
        h->engine().accounts().record(tenant, owner, entry(LedgerEntry::Kind::Credit, 5000), this,
                                      [&](Result<LedgerEntry> r) { answer.emplace(r); });
        QVERIFY(QTest::qWaitFor([&] { return answer.has_value(); }, 10000));
        QVERIFY2(answer->ok(), qPrintable(answer->error()));
        QVERIFY(QTest::qWaitFor([&] { return !changed.isEmpty(); }, 10000));
        QCOMPARE(changed.first().at(0).toLongLong(), tenant);
    }
};

QTEST_GUILESS_MAIN(LedgerTest)
#include "tst_ledger.moc"
