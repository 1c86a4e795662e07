// The owner's commands, from the console's command bar or the owner's own WhatsApp number:
// what 40-odd phrasings in English and Hinglish mean (table-driven), and the conversations they
// start on a real store: a balance, a payment read back and written only after "haan", credit
// in goods that becomes a confirmed order on the ledger, a name two customers share answered
// with a question, the customer remembered for the next command, a reminder, stock and today's
// sales; an agent refused; the owner's WhatsApp number obeyed and a customer's number not.
#include "owner/OwnerCommandParser.h"
#include "owner/OwnerCommands.h"

#include "EngineHarness.h"
#include "TestSupport.h"
#include "storage/SqlSupport.h"
#include "storage/Store.h"

#include <QTest>

using namespace shopdesk;
using Kind = OwnerCommand::Kind;

Q_DECLARE_METATYPE(OwnerCommand::Kind)

class OwnerCommandsTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::EngineHarness> h;
    qint64 tenant = 0;
    qint64 owner = 0;
    qint64 agent = 0;
    qint64 rahulSharma = 0;
    qint64 rahulVerma = 0;
    qint64 sunita = 0;
    Channel channel;
    OwnerContext context;

    qint64 addOperator(const QString &name, OperatorRole role)
    {
        Operator op;
        op.name = name;
        op.role = role;
        auto added = h->run([&](Store &s) { return s.operators().add(tenant, op); });
        return added ? added->id : 0;
    }
    // One command, as the command bar sends it; the context carries on to the next.
    QString command(const QString &text, qint64 actor = 0)
    {
        auto r = h->run([&](Store &s) {
            return OwnerCommands::handle(s, tenant, actor ? actor : owner, context, text,
                                         QDateTime::currentDateTimeUtc());
        });
        if (!r)
            return QStringLiteral("FAILED: ") + r.error();
        context = r->context;
        return r->text;
    }
    qint64 balanceOf(qint64 contact)
    {
        auto b = h->run([&](Store &s) { return s.ledger().balance(tenant, contact); });
        return b ? b.value() : -1;
    }
    int count(const QString &sql, const QVariantList &params)
    {
        auto n = h->run([&](Store &s) {
            return sql::guard([&] { return s.backend().query(sql, params).first()[0].toInt(); });
        });
        return n ? n.value() : -1;
    }

private Q_SLOTS:
    void phrasings_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("who");
        QTest::addColumn<qint64>("amount");
        QTest::addColumn<QString>("detail"); // items, product or days
        const auto row = [](const char *text, Kind kind, const char *who, qint64 amount,
                            const char *detail) {
            QTest::newRow(text) << QString::fromUtf8(text) << kind << QString::fromUtf8(who)
                                << amount << QString::fromUtf8(detail);
        };
        // Balances.
        row("Rahul ka balance", Kind::Balance, "rahul", 0, "");
        row("Gopal ka hisaab batao", Kind::Balance, "gopal", 0, "");
        row("Sunita aunty ka kitna baki hai?", Kind::Balance, "sunita aunty", 0, "");
        row("how much does Meena owe", Kind::Balance, "meena", 0, "");
        row("Rohit's balance please", Kind::Balance, "rohit", 0, "");
        row("Vikram pe kitna udhaar hai", Kind::Balance, "vikram", 0, "");
        row("balance of Farah", Kind::Balance, "farah", 0, "");
        // Payments.
        row("Rahul ne 500 diye", Kind::Payment, "rahul", 50000, "");
        row("Rahul bhaiya ne 250 de diye", Kind::Payment, "rahul bhaiya", 25000, "");
        row("Sunita ne ₹1,200 jama kiye", Kind::Payment, "sunita", 120000, "");
        row("Gopal se 300 mile", Kind::Payment, "gopal", 30000, "");
        row("Meena paid 750 by upi", Kind::Payment, "meena", 75000, "upi");
        row("received 400 from Deepak", Kind::Payment, "deepak", 40000, "");
        row("got Rs 150 from Arjun in cash", Kind::Payment, "arjun", 15000, "cash");
        row("Kavita ne 600 gpay kiye", Kind::Payment, "kavita", 60000, "upi");
        row("usne 200 aur diye", Kind::Payment, "", 20000, "");
        row("Sanjay has paid 99.50", Kind::Payment, "sanjay", 9950, "");
        // Credit: money and goods.
        row("Rahul ko 2 kg chawal udhaar", Kind::Credit, "rahul", 0, "2 kg chawal");
        row("Sunita ko 500 ka udhaar", Kind::Credit, "sunita", 50000, "");
        row("Gopal ko 300 udhaar likho", Kind::Credit, "gopal", 30000, "");
        row("Rahul ke khate mein 1 kg atta likho", Kind::Credit, "rahul", 0, "1 kg atta");
        row("give Meena 2 packet maggi on credit", Kind::Credit, "meena", 0, "2 packet maggi");
        row("put 450 on Deepak's account", Kind::Credit, "deepak", 45000, "");
        row("credit 3 bread to Arjun", Kind::Credit, "arjun", 0, "3 bread");
        row("aur 1 kg cheeni udhaar", Kind::Credit, "", 0, "1 kg cheeni");
        row("Farah ko 1 doodh aur 2 bread udhaar do", Kind::Credit, "farah", 0,
            "1 doodh aur 2 bread");
        row("Vikram took 5 kg rice on credit", Kind::Credit, "vikram", 0, "5 kg rice");
        // Stock.
        row("atta ka stock", Kind::Stock, "", 0, "atta");
        row("chawal kitna bacha hai", Kind::Stock, "", 0, "chawal");
        row("how much sugar is left", Kind::Stock, "", 0, "sugar");
        row("stock of basmati rice", Kind::Stock, "", 0, "basmati rice");
        row("doodh ka stock batao", Kind::Stock, "", 0, "doodh");
        // Today's sales.
        row("aaj ki sale", Kind::Sales, "", 0, "");
        row("aaj kitna becha", Kind::Sales, "", 0, "");
        row("today's sales", Kind::Sales, "", 0, "");
        row("how much did we sell today", Kind::Sales, "", 0, "");
        // Reminders.
        row("Sunita ko kal yaad dilana", Kind::Remind, "sunita", 0, "1");
        row("Rahul ko 3 din baad yaad dilao", Kind::Remind, "rahul", 0, "3");
        row("remind Meena tomorrow", Kind::Remind, "meena", 0, "1");
        row("Gopal ko parso reminder bhejo", Kind::Remind, "gopal", 0, "2");
        row("remind Deepak about payment next week", Kind::Remind, "deepak", 0, "7");
        // Answers and help.
        row("haan", Kind::Yes, "", 0, "");
        row("yes", Kind::Yes, "", 0, "");
        row("nahi", Kind::No, "", 0, "");
        row("cancel", Kind::No, "", 0, "");
        row("2", Kind::Choose, "", 0, "2");
        row("what can you do", Kind::Help, "", 0, "");
    }

    void phrasings()
    {
        QFETCH(QString, text);
        QFETCH(Kind, kind);
        QFETCH(QString, who);
        QFETCH(qint64, amount);
        QFETCH(QString, detail);
        const OwnerCommand c = OwnerCommandParser::parse(text);
        QCOMPARE(OwnerCommand::kindName(c.kind), OwnerCommand::kindName(kind));
        if (kind == Kind::Choose) {
            QCOMPARE(c.choice, detail.toInt());
            return;
        }
        QCOMPARE(c.who, who);
        QCOMPARE(c.amountMinor, amount);
        if (kind == Kind::Credit)
            QCOMPARE(c.items, detail);
        if (kind == Kind::Stock)
            QCOMPARE(c.product, detail);
        if (kind == Kind::Remind)
            QCOMPARE(c.inDays, detail.toInt());
        if (kind == Kind::Payment && !detail.isEmpty())
            QCOMPARE(LedgerEntry::methodName(c.method), detail);
    }

    void init()
    {
        if (QString::fromLatin1(QTest::currentTestFunction()) == QLatin1String("phrasings"))
            return;
        h = std::make_unique<test::EngineHarness>(Engine::Options{}, true);
        QVERIFY(h->start());
        tenant = h->addTenant();
        owner = addOperator(QStringLiteral("Rakesh"), OperatorRole::Owner);
        agent = addOperator(QStringLiteral("Asha"), OperatorRole::Agent);
        channel = h->addChannel(tenant, QStringLiteral("simulator"), {});
        QVERIFY(h->settle());
        context = {};
        SD_VERIFY_OK(h->run([&](Store &s) -> Status {
            Product rice;
            rice.sku = QStringLiteral("RICE1");
            rice.name = QStringLiteral("Basmati Rice");
            rice.aliases = {QStringLiteral("chawal")};
            rice.unit = QStringLiteral("kg");
            rice.priceMinor = 12000;
            rice.stock = 20;
            rice.lowStockThreshold = 5;
            Product atta = rice;
            atta.sku = QStringLiteral("ATTA5");
            atta.name = QStringLiteral("Chakki Atta");
            atta.aliases = {QStringLiteral("atta")};
            atta.unit = QStringLiteral("5 kg");
            atta.priceMinor = 24000;
            atta.stock = 3;
            if (auto r = s.catalog().upsertProducts(tenant, {rice, atta}); !r)
                return Status::failure(r.error());
            CustomerProfile p;
            p.name = QStringLiteral("Rahul Sharma");
            p.nickname = QStringLiteral("Rahul bhaiya");
            auto a = s.customers().addWalkIn(tenant, p);
            p.name = QStringLiteral("Rahul Verma");
            p.nickname = QStringLiteral("Rahul teacher");
            auto b = s.customers().addWalkIn(tenant, p);
            auto c = s.conversations().upsertContact(tenant, QStringLiteral("919800000003"),
                                                     QStringLiteral("Sunita Devi"));
            if (!a || !b || !c)
                return Status::failure(QStringLiteral("customers"));
            rahulSharma = a->contactId;
            rahulVerma = b->contactId;
            sunita = c->id;
            return Done{};
        }));
    }
    void cleanup() { h.reset(); }

    void aSharedNameIsAskedAndTheCustomerRemembered()
    {
        const QString which = command(QStringLiteral("Rahul ka balance"));
        QVERIFY2(which.contains(QLatin1String("Kaun sa rahul")) &&
                     which.contains(QLatin1String("1. Rahul Sharma")) &&
                     which.contains(QLatin1String("2. Rahul Verma")),
                 qPrintable(which));
        const QString answer = command(QStringLiteral("2"));
        QVERIFY2(answer.contains(QLatin1String("Rahul Verma")), qPrintable(answer));
        // The next command without a name is about Rahul Verma, and waits for a yes.
        const QString ask = command(QStringLiteral("usne 200 aur diye"));
        QVERIFY2(ask.contains(QStringLiteral("Rahul Verma ne ₹200.00 diye (Cash)")) &&
                     ask.contains(QLatin1String("haan/nahi")),
                 qPrintable(ask));
        QCOMPARE(balanceOf(rahulVerma), 0); // nothing yet
        const QString done = command(QStringLiteral("haan"));
        QVERIFY2(done.contains(QLatin1String("Likh diya")), qPrintable(done));
        QCOMPARE(balanceOf(rahulVerma), -20000);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE tenant_id = ? AND "
                                      "action = 'ledger.payment' AND operator_id = ?"),
                       {tenant, owner}),
                 1);
    }

    void aWriteIsReadBackAndNoWritesNothing()
    {
        const QString ask = command(QStringLiteral("Rahul bhaiya ne 500 diye"));
        QVERIFY2(ask.contains(QStringLiteral("Rahul Sharma ne ₹500.00 diye")), qPrintable(ask));
        QVERIFY(command(QStringLiteral("nahi")).contains(QLatin1String("kuch nahi likha")));
        QCOMPARE(balanceOf(rahulSharma), 0);
        QVERIFY(context.pending.isEmpty());
        // "haan" with nothing waiting writes nothing either.
        QVERIFY(command(QStringLiteral("haan")).contains(QLatin1String("kuch nahi hai")));
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM ledger_entries WHERE tenant_id = ?"),
                       {tenant}),
                 0);
    }

    void creditInGoodsBecomesAConfirmedOrderOnTheLedger()
    {
        const QString ask = command(QStringLiteral("Rahul teacher ko 2 kg chawal udhaar"));
        QVERIFY2(ask.contains(QLatin1String("Basmati Rice")) &&
                     ask.contains(QStringLiteral("₹240.00")),
                 qPrintable(ask));
        const QString done = command(QStringLiteral("haan"));
        QVERIFY2(done.contains(QStringLiteral("₹240.00")), qPrintable(done));
        QCOMPARE(balanceOf(rahulVerma), 24000);
        SD_TAKE(orders, h->run([&](Store &s) { return s.catalog().orders(tenant); }));
        QCOMPARE(orders.size(), 1);
        QCOMPARE(orders.first().status, QStringLiteral("confirmed"));
        QCOMPARE(orders.first().billNumber, 1);
        SD_TAKE(products, h->run([&](Store &s) { return s.catalog().products(tenant); }));
        for (const Product &p : products)
            if (p.sku == QLatin1String("RICE1"))
                QCOMPARE(p.stock, 18.0);
        // More than is left is refused with what is left, and writes nothing.
        command(QStringLiteral("aur 5 packet atta udhaar"));
        const QString refused = command(QStringLiteral("haan"));
        QVERIFY2(refused.contains(QLatin1String("left")), qPrintable(refused));
        QCOMPARE(balanceOf(rahulVerma), 24000);
    }

    void stockSalesAndReminders()
    {
        const QString stock = command(QStringLiteral("atta ka stock"));
        QVERIFY2(stock.contains(QLatin1String("Chakki Atta 5 kg: 3 left (low: reorder)")),
                 qPrintable(stock));
        SD_VERIFY_OK(h->run([&](Store &s) {
            Order o;
            o.contactId = sunita;
            o.status = QStringLiteral("confirmed");
            o.lines.append({0, s.catalog().products(tenant)->first().id, {}, 1, {}, 12000, 0});
            return s.catalog().addOrder(tenant, o);
        }));
        const QString sales = command(QStringLiteral("aaj ki sale"));
        QVERIFY2(sales.contains(QLatin1String("1 order")) &&
                     sales.contains(QStringLiteral("₹120.00")),
                 qPrintable(sales));
        // A reminder needs something owed and a chat.
        SD_VERIFY_OK(h->run([&](Store &s) {
            return s.conversations().openConversation(tenant, sunita, channel.id);
        }));
        QVERIFY(
            command(QStringLiteral("Sunita ko 700 udhaar likho")).contains(QLatin1String("haan")));
        command(QStringLiteral("haan"));
        const QString ask = command(QStringLiteral("Sunita ko kal yaad dilana"));
        QVERIFY2(ask.contains(QStringLiteral("₹700.00")), qPrintable(ask));
        QVERIFY(command(QStringLiteral("haan")).contains(QLatin1String("yaad dilayenge")));
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM reminders WHERE tenant_id = ? AND "
                                      "contact_id = ? AND state = 'scheduled'"),
                       {tenant, sunita}),
                 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE tenant_id = ? AND "
                                      "action = 'reminder.add'"),
                       {tenant}),
                 1);
    }

    void anAgentMayAskButNotWrite()
    {
        QVERIFY(command(QStringLiteral("Rahul teacher ka balance"), agent)
                    .contains(QLatin1String("Rahul Verma")));
        command(QStringLiteral("Rahul teacher ne 100 diye"), agent);
        const QString refused = command(QStringLiteral("haan"), agent);
        QVERIFY2(refused.contains(QLatin1String("manager or the owner")), qPrintable(refused));
        QCOMPARE(balanceOf(rahulVerma), 0);
    }

    void theOwnersNumberIsObeyedAndACustomersIsNot()
    {
        SD_VERIFY_OK(h->run([&](Store &s) {
            return s.tenants().setSetting(tenant, QStringLiteral("owner.numbers"),
                                          QStringLiteral("+91 98000 00099"));
        }));
        const QString ownerPhone = QStringLiteral("919800000099");
        const AgentTurn::Outcome ask = h->sayToBot(channel.id, ownerPhone, QStringLiteral("Rakesh"),
                                                   QStringLiteral("Rahul teacher ne 300 diye"));
        QVERIFY2(ask.reply.contains(QLatin1String("haan/nahi")), qPrintable(ask.reply));
        const AgentTurn::Outcome done =
            h->sayToBot(channel.id, ownerPhone, QStringLiteral("Rakesh"), QStringLiteral("haan"));
        QVERIFY2(done.reply.contains(QLatin1String("Likh diya")), qPrintable(done.reply));
        QCOMPARE(balanceOf(rahulVerma), -30000);
        // A customer writing the same words changes nothing and is not asked to confirm.
        const AgentTurn::Outcome customer =
            h->sayToBot(channel.id, QStringLiteral("919800000003"), QStringLiteral("Sunita Devi"),
                        QStringLiteral("Rahul teacher ne 300 diye"));
        QVERIFY2(!customer.reply.contains(QLatin1String("haan/nahi")), qPrintable(customer.reply));
        h->sayToBot(channel.id, QStringLiteral("919800000003"), QStringLiteral("Sunita Devi"),
                    QStringLiteral("haan"));
        QCOMPARE(balanceOf(rahulVerma), -30000);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM ledger_entries WHERE tenant_id = ?"),
                       {tenant}),
                 1);
    }
};

QTEST_GUILESS_MAIN(OwnerCommandsTest)
#include "tst_owner_commands.moc"
