// Bills: numbers per store without gaps or repeats under concurrent confirmations (some rolled
// back), reprints that keep the number, the PDF's text read back with poppler, the WhatsApp
// text, the bill sent to the customer's chat as a document, and the bot sending it when the
// customer asks ("bill bhejo"). On SQLite and PostgreSQL.
#include "accounts/AccountsService.h"
#include "bills/BillBuilder.h"
#include "bills/BillPdf.h"
#include "bills/BillService.h"
#include "bills/BillText.h"
#include "knowledge/PdfText.h"

#include "EngineHarness.h"
#include "TestSupport.h"
#include "access/OperatorAccounts.h"
#include "storage/SqlSupport.h"
#include "storage/Store.h"

#include <QTest>

#include <atomic>
#include <thread>

using namespace shopdesk;

class BillsTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::EngineHarness> h;
    qint64 tenant = 0;
    qint64 contact = 0;
    qint64 chat = 0;
    qint64 rice = 0;
    Channel channel;
    static constexpr qint64 kCli = OperatorAccounts::kCommandLine;

    Result<Order> place(Store &s, const QString &status, double kg = 2)
    {
        Order o;
        o.contactId = contact;
        o.conversationId = chat;
        o.status = status;
        o.lines.append({0, rice, {}, kg, {}, 12000, 0});
        return s.catalog().addOrder(tenant, o);
    }
    Result<Bill> billOf(qint64 order)
    {
        return h->run([&](Store &s) { return BillBuilder::forOrder(s, tenant, order); });
    }

private Q_SLOTS:
    void init()
    {
        h = std::make_unique<test::EngineHarness>(Engine::Options{}, true);
        QVERIFY(h->start());
        SD_TAKE(shop, h->run([](Store &s) {
            return s.tenants().addTenant(QStringLiteral("sharma"),
                                         QStringLiteral("Sharma General Store"));
        }));
        tenant = shop.id;
        channel = h->addChannel(tenant, QStringLiteral("simulator"), {});
        QVERIFY(h->settle());
        SD_VERIFY_OK(h->run([&](Store &s) -> Status {
            Product p;
            p.sku = QStringLiteral("RICE");
            p.name = QStringLiteral("Basmati Rice");
            p.unit = QStringLiteral("kg");
            p.priceMinor = 12000;
            p.stock = 10000;
            if (auto r = s.catalog().upsertProducts(tenant, {p}); !r)
                return Status::failure(r.error());
            rice = s.catalog().products(tenant)->first().id;
            auto c = s.conversations().upsertContact(tenant, QStringLiteral("919800000002"),
                                                     QStringLiteral("Sunita Devi"));
            if (!c)
                return Status::failure(c.error());
            contact = c->id;
            auto conv = s.conversations().openConversation(tenant, contact, channel.id);
            if (!conv)
                return Status::failure(conv.error());
            chat = conv->id;
            for (const auto &[key, value] :
                 {std::pair{"store.address", "12 Market Road, Jaipur"},
                  std::pair{"store.gstin", "08abcde1234f1z5"}, std::pair{"bill.tax_percent", "5"}})
                if (auto set = s.tenants().setSetting(tenant, QString::fromLatin1(key),
                                                      QString::fromLatin1(value));
                    !set)
                    return Status::failure(set.error());
            return Done{};
        }));
    }
    void cleanup() { h.reset(); }

    void confirmedOrdersGetNumbersWithoutGapsUnderConcurrency()
    {
        // 40 open orders; four connections confirm ten each at the same time, and every third
        // confirmation is rolled back after it took its number.
        QList<qint64> open;
        for (int i = 0; i < 40; ++i) {
            SD_TAKE(o, h->run([&](Store &s) { return place(s, QStringLiteral("open")); }));
            QCOMPARE(o.billNumber, 0);
            open << o.id;
        }
        std::atomic_int confirmed = 0;
        std::atomic_int failures = 0;
        std::vector<std::thread> nodes;
        for (int n = 0; n < 4; ++n)
            nodes.emplace_back([&, n] {
                auto store = Store::open(h->database(), false);
                if (!store) {
                    ++failures;
                    return;
                }
                Store &s = *store.value();
                for (int i = 0; i < 10; ++i) {
                    Order o;
                    o.id = open.at(n * 10 + i);
                    o.status = QStringLiteral("confirmed");
                    o.lines.append({0, rice, {}, 2, {}, 12000, 0});
                    const bool rollBack = i % 3 == 2;
                    auto done = s.transact([&]() -> Result<Order> {
                        auto r = s.catalog().updateOrder(tenant, o);
                        if (r && rollBack)
                            return Result<Order>::failure(QStringLiteral("rolled back"));
                        return r;
                    });
                    if (done)
                        ++confirmed;
                    else if (!rollBack)
                        ++failures;
                }
            });
        for (std::thread &t : nodes)
            t.join();
        QCOMPARE(failures.load(), 0);
        QCOMPARE(confirmed.load(), 28);
        SD_TAKE(orders, h->run([&](Store &s) { return s.catalog().orders(tenant); }));
        QList<qint64> numbers;
        for (const Order &o : orders) {
            if (o.status == QLatin1String("confirmed"))
                numbers << o.billNumber;
            else
                QCOMPARE(o.billNumber, 0); // rolled back: no number kept
        }
        std::sort(numbers.begin(), numbers.end());
        QList<qint64> expected;
        for (qint64 i = 1; i <= 28; ++i)
            expected << i;
        QCOMPARE(numbers, expected);
    }

    void reprintsKeepTheNumberAndCancelledBillsStayInTheSequence()
    {
        SD_TAKE(first, h->run([&](Store &s) { return place(s, QStringLiteral("confirmed")); }));
        QCOMPARE(first.billNumber, 1);
        SD_TAKE(again, billOf(first.id));
        QCOMPARE(again.number, 1);
        // Delivered keeps it; cancelled keeps it too, and the bill says so.
        Order cancel = first;
        cancel.status = QStringLiteral("cancelled");
        SD_TAKE(cancelled,
                h->run([&](Store &s) { return s.catalog().updateOrder(tenant, cancel); }));
        SD_TAKE(voided, billOf(first.id));
        QCOMPARE(voided.number, 1);
        QCOMPARE(voided.state, QStringLiteral("Cancelled"));
        SD_TAKE(second, h->run([&](Store &s) { return place(s, QStringLiteral("confirmed")); }));
        QCOMPARE(second.billNumber, 2);
        SD_TAKE(open, h->run([&](Store &s) { return place(s, QStringLiteral("open")); }));
        auto none = billOf(open.id);
        QVERIFY(!none);
        QVERIFY2(none.error().contains(QLatin1String("not confirmed")), qPrintable(none.error()));
    }

    void thePdfAndTheTextCarryTheBill()
    {
        SD_TAKE(order,
                h->run([&](Store &s) { return place(s, QStringLiteral("confirmed"), 2.5); }));
        SD_VERIFY_OK(h->run([&](Store &s) {
            return AccountsService::putOrderOnCredit(s, tenant, kCli, order.id);
        }));
        SD_TAKE(bill, billOf(order.id));
        QCOMPARE(bill.totalMinor, 30000);
        QCOMPARE(bill.taxIncludedMinor, 1429); // 300 x 5/105
        QCOMPARE(bill.state, QStringLiteral("On credit (udhaar)"));
        SD_TAKE(pdf, BillPdf::render(bill));
        QVERIFY(pdf.startsWith("%PDF-"));
        SD_TAKE(text, PdfText::extract(pdf));
        for (const QString &expected :
             {QStringLiteral("Sharma General Store"), QStringLiteral("12 Market Road, Jaipur"),
              QStringLiteral("GSTIN 08ABCDE1234F1Z5"), QStringLiteral("Bill 1"),
              QStringLiteral("Order #%1").arg(order.id), QStringLiteral("Sunita Devi"),
              QStringLiteral("Basmati Rice kg"), QStringLiteral("2.5"), QStringLiteral("120.00"),
              QStringLiteral("Total"), QStringLiteral("300.00"), QStringLiteral("Includes GST 5%"),
              QStringLiteral("14.29"), QStringLiteral("On credit (udhaar)")})
            QVERIFY2(text.contains(expected),
                     qPrintable(expected + QStringLiteral(" not in:\n") + text));
        const QString chatText = BillText::render(bill);
        QVERIFY2(chatText.contains(QLatin1String("*Bill 1*")) &&
                     chatText.contains(QStringLiteral("2.5 \u00d7 Basmati Rice kg @ \u20b9120.00 = "
                                                      "\u20b9300.00")) &&
                     chatText.contains(QStringLiteral("*Total \u20b9300.00*")),
                 qPrintable(chatText));
        // Many lines go on to more pages, and the total is still there.
        for (int i = 0; i < 60; ++i)
            bill.lines.append(bill.lines.first());
        SD_TAKE(longPdf, BillPdf::render(bill));
        SD_TAKE(longText, PdfText::extract(longPdf));
        QVERIFY(longText.contains(QLatin1String("(continued)")));
        QVERIFY(longText.contains(QLatin1String("Total")));
    }

    void aBillGoesToTheChatAsADocument()
    {
        // The customer wrote today, so WhatsApp's 24-hour window is open for the document.
        h->sayToBot(channel.id, QStringLiteral("919800000002"), QStringLiteral("Sunita Devi"),
                    QStringLiteral("namaste"));
        SD_TAKE(order, h->run([&](Store &s) { return place(s, QStringLiteral("confirmed")); }));
        SD_TAKE(sent, h->run([&](Store &s) {
            return BillService::send(s, h->dataDir(), tenant, kCli, order.id, Author::Human);
        }));
        QCOMPARE(sent.number, 1);
        const QList<Message> messages = h->messages(tenant);
        QVERIFY(!messages.isEmpty());
        const Message &doc = messages.last();
        QCOMPARE(doc.type, QStringLiteral("document"));
        QVERIFY2(doc.body.contains(QLatin1String("Bill 1")), qPrintable(doc.body));
        QVERIFY(!doc.mediaRef.isEmpty());
        SD_TAKE(onDisk, PdfText::extract([&] {
                    QFile f(QDir(h->dataDir()).filePath(doc.mediaRef));
                    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
                }()));
        QVERIFY(onDisk.contains(QLatin1String("Bill 1")));
        auto audited = h->run([&](Store &s) {
            return sql::guard([&] {
                return s.backend()
                    .query(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE tenant_id = ? AND "
                                          "action = 'bill.send'"),
                           {tenant})
                    .first()[0]
                    .toInt();
            });
        });
        QCOMPARE(audited.value(), 1);
    }

    void theBotSendsTheBillWhenTheCustomerAsks()
    {
        const QString phone = QStringLiteral("919800000002");
        const AgentTurn::Outcome none = h->sayToBot(
            channel.id, phone, QStringLiteral("Sunita Devi"), QStringLiteral("bill bhejo"));
        QVERIFY2(none.reply.contains(QLatin1String("confirm")), qPrintable(none.reply));
        SD_TAKE(order, h->run([&](Store &s) { return place(s, QStringLiteral("confirmed")); }));
        const int before = int(h->messages(tenant).size());
        const AgentTurn::Outcome sent =
            h->sayToBot(channel.id, phone, QStringLiteral("Sunita Devi"),
                        QStringLiteral("Bhaiya mera bill bhej do"));
        QVERIFY2(sent.reply.contains(QStringLiteral("#%1").arg(order.id)), qPrintable(sent.reply));
        const QList<Message> after = h->messages(tenant);
        QCOMPARE(int(after.size()), before + 3); // the request, the reply, the document
        QCOMPARE(after.last().type, QStringLiteral("document"));
        QCOMPARE(after.last().author, Author::Bot);
        QVERIFY2(after.last().body.contains(QLatin1String("*Bill 1*")),
                 qPrintable(after.last().body));
        // Asking what the bill comes to is a question about the balance, not a request for it.
        const AgentTurn::Outcome howMuch =
            h->sayToBot(channel.id, phone, QStringLiteral("Sunita Devi"),
                        QStringLiteral("how much is my bill"));
        QVERIFY(h->messages(tenant).last().type != QLatin1String("document"));
        QVERIFY(!howMuch.reply.isEmpty());
    }
};

QTEST_GUILESS_MAIN(BillsTest)
#include "tst_bills.moc"
