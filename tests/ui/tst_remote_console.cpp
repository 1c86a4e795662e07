// The remote console (`shopdesk --connect`) driven through its widgets against a real
// `shopdesk-cli serve` process: the sign-in dialog refusing a wrong password then signing in,
// a customer's message arriving live in the inbox, taking the chat over from the header, a
// reply that reaches the provider, handing it back; an agent's stock that cannot be edited and
// no analytics tab, the owner's figures and stock change; the window asking to sign in again
// when the node signs it out; and the console program itself, a separate process, signing in
// to serve. Screenshots go to $SHOPDESK_SCREENSHOT_DIR.
#include "ConversationFilterModel.h"
#include "RemoteStoreServer.h"
#include "charts/BarChartView.h"
#include "panes/ConversationView.h"
#include "panes/InboxPane.h"
#include "remote/RemoteAnalyticsPane.h"
#include "remote/RemoteConsoleClient.h"
#include "remote/RemoteConsoleWindow.h"
#include "remote/RemoteKnowledgePane.h"
#include "remote/RemoteSignInDialog.h"
#include "remote/RemoteStockPane.h"
#include "storage/AuditStore.h"
#include "storage/KnowledgeStore.h"
#include "storage/TenantStore.h"
#include "widgets/BannerWidget.h"
#include "widgets/inbox/ChatComposer.h"
#include "widgets/inbox/ConversationHeader.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QtTest>

using namespace shopdesk;
using namespace shopdesk::test;

class RemoteConsoleTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<RemoteStoreServer> m_server;

    static void screenshot(QWidget *w, const QString &name)
    {
        const QString dir = qEnvironmentVariable("SHOPDESK_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        QVERIFY(w->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
    }

    // Signs in through the dialog as a person would.
    static bool signInThroughDialog(RemoteSignInDialog &dialog, const QString &name,
                                    const QString &password)
    {
        dialog.nameEdit()->setText(name);
        dialog.passwordEdit()->setText(password);
        QTest::mouseClick(dialog.signInButton(), Qt::LeftButton);
        return QTest::qWaitFor(
                   [&] {
                       return dialog.result() == QDialog::Accepted ||
                              dialog.signInButton()->isEnabled();
                   },
                   30000) &&
               dialog.result() == QDialog::Accepted;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<RemoteStoreServer>(QStringLiteral(SHOPDESK_CLI_PATH));
        QVERIFY(m_server->setUp());
    }
    void cleanup()
    {
        QVERIFY(m_server->stop());
        m_server.reset();
    }

    void anAgentTakesAChatOverAndRepliesFromAnotherComputer()
    {
        QVERIFY(m_server->start({QStringLiteral("--no-agent")}) > 0);
        RemoteConsoleClient client;
        RemoteSignInDialog dialog(client, m_server->address(), QStringLiteral("shop"));
        dialog.show();
        QVERIFY(
            !signInThroughDialog(dialog, QStringLiteral("Ravi"), QStringLiteral("wrong-one-1")));
        QVERIFY2(dialog.errorText().contains(QLatin1String("not Ravi's password")),
                 qPrintable(dialog.errorText()));
        screenshot(&dialog, QStringLiteral("remote-sign-in-refused"));
        QVERIFY(
            signInThroughDialog(dialog, QStringLiteral("Ravi"), QStringLiteral("ravi-password-1")));

        RemoteConsoleWindow window(client);
        window.start();
        window.show();
        InboxPane *inbox = window.inbox();
        inbox->setView(ConversationFilterModel::View::AllOpen);
        QVERIFY(m_server->postCustomerMessage(QStringLiteral("ui"), 7));
        QTRY_COMPARE_WITH_TIMEOUT(inbox->conversationList()->model()->rowCount(), 1, 20000);
        inbox->openRow(0);
        ConversationView *view = inbox->conversationView();
        QTRY_VERIFY_WITH_TIMEOUT(view->messageList()->model()->rowCount() >= 1, 20000);
        QVERIFY(view->messageList()->model()->index(0, 0).data().toString().contains(
            QLatin1String("Load test message 7")));

        // Take over from the header; reply; the provider gets it; hand back.
        QTRY_VERIFY(view->header()->takeOverButton()->isVisible());
        QTest::mouseClick(view->header()->takeOverButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(view->header()->handBackButton()->isVisible(), 20000);
        ChatComposer *composer = view->chatComposer();
        QTest::keyClicks(composer->editor(), QStringLiteral("Ravi here from the shop"));
        QTest::mouseClick(composer->sendButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const auto &r : m_server->api().sends())
                    if (r.body.contains("Ravi here from the shop"))
                        return true;
                return false;
            }(),
            20000);
        QTRY_VERIFY_WITH_TIMEOUT(view->messageList()->model()->rowCount() >= 2, 20000);
        // A second customer message arrives live in the open chat.
        const int shown = view->messageList()->model()->rowCount();
        QVERIFY(m_server->postCustomerMessage(QStringLiteral("ui"), 8));
        QTRY_VERIFY_WITH_TIMEOUT(view->messageList()->model()->rowCount() > shown, 20000);
        screenshot(&window, QStringLiteral("remote-inbox"));
        QTest::mouseClick(view->header()->handBackButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(view->header()->takeOverButton()->isVisible(), 20000);

        // An agent sees stock but cannot change it, and has no analytics.
        QTRY_COMPARE_WITH_TIMEOUT(window.stock()->model()->rowCount(), 2, 20000);
        QCOMPARE(window.stock()->table()->editTriggers(), QAbstractItemView::NoEditTriggers);
        QVERIFY(!window.tabs()->isTabVisible(window.tabs()->indexOf(window.analytics())));
        QCOMPARE(window.knowledge()->faqTable()->editTriggers(), QAbstractItemView::NoEditTriggers);
        window.tabs()->setCurrentWidget(window.stock());
        screenshot(&window, QStringLiteral("remote-stock-agent"));
    }

    void theOwnerSeesTheFiguresAndChangesStock()
    {
        QVERIFY(m_server->start({QStringLiteral("--no-agent")}) > 0);
        QVERIFY(m_server->postCustomerMessage(QStringLiteral("owner"), 1));
        RemoteConsoleClient client;
        QVERIFY(m_server->open(client));
        QVERIFY(m_server->signIn(client, QStringLiteral("shop"), QStringLiteral("Asha")));
        RemoteConsoleWindow window(client);
        QSignalSpy figures(window.analytics(), &RemoteAnalyticsPane::loaded);
        window.start();
        window.show();
        QVERIFY(window.tabs()->isTabVisible(window.tabs()->indexOf(window.analytics())));
        QVERIFY(figures.wait(30000));
        QCOMPARE(window.analytics()->figure(QStringLiteral("Customer messages")),
                 QStringLiteral("1"));
        QVERIFY(window.analytics()->chart()->categoryCount() >= 28);
        window.tabs()->setCurrentWidget(window.analytics());
        screenshot(&window, QStringLiteral("remote-analytics"));

        QTRY_COMPARE_WITH_TIMEOUT(window.stock()->model()->rowCount(), 2, 20000);
        QVERIFY(window.stock()->table()->editTriggers() != QAbstractItemView::NoEditTriggers);
        QStandardItemModel *stock = window.stock()->model();
        const int milk = stock->findItems(QStringLiteral("MILK1")).first()->row();
        stock->item(milk, 3)->setData(7.0, Qt::EditRole);
        QTRY_VERIFY_WITH_TIMEOUT(window.banner()->text().contains(QLatin1String("saved")), 20000);
        const qint64 shop = client.session().storeId;
        QTRY_COMPARE_WITH_TIMEOUT(
            [&] {
                const auto products = m_server->store().catalog().products(shop);
                for (const Product &p : products ? products.value() : QList<Product>{})
                    if (p.sku == QLatin1String("MILK1"))
                        return p.stock;
                return -1.0;
            }(),
            7.0, 20000);

        // The FAQ, edited from the other computer, lands in the store's knowledge.
        QTableWidget *faq = window.knowledge()->faqTable();
        QVERIFY(faq->editTriggers() != QAbstractItemView::NoEditTriggers);
        QSignalSpy faqSaved(window.knowledge(), &RemoteKnowledgePane::faqSaved);
        faq->insertRow(faq->rowCount());
        faq->setItem(faq->rowCount() - 1, 0, new QTableWidgetItem(QStringLiteral("Sunday hours?")));
        faq->setItem(faq->rowCount() - 1, 1,
                     new QTableWidgetItem(QStringLiteral("We open 9 to 1 on Sundays.")));
        window.knowledge()->saveFaq();
        QVERIFY(faqSaved.wait(20000));
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto docs = m_server->store().knowledge().documents(shop);
                for (const KnowledgeDocument &d : docs ? docs.value() : QList<KnowledgeDocument>{})
                    if (d.sourceName == QLatin1String("faq-editor") && d.chunkCount == 1)
                        return true;
                return false;
            }(),
            10000);

        QSignalSpy answered(window.knowledge(), &RemoteKnowledgePane::answered);
        window.knowledge()->ask(QStringLiteral("Do you deliver on Sunday?"));
        QVERIFY(answered.wait(30000));
        QVERIFY(!window.knowledge()->answerLabel()->text().isEmpty());
        window.tabs()->setCurrentWidget(window.knowledge());
        screenshot(&window, QStringLiteral("remote-knowledge"));
    }

    // The console program itself (`shopdesk --connect`), as a separate process, against serve:
    // a wrong password is refused and counted; the right one signs in (serve's /healthz counts
    // it) and the console stays connected until it quits.
    void theConsoleProgramSignsInToServe()
    {
        QVERIFY(m_server->start({QStringLiteral("--no-agent")}) > 0);
        QNetworkAccessManager network;
        const auto remoteConsoles = [&] {
            QNetworkReply *reply = network.get(QNetworkRequest(
                QUrl(m_server->address(QStringLiteral("http")) + QStringLiteral("/healthz"))));
            QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000);
            reply->deleteLater();
            return QJsonDocument::fromJson(reply->readAll())
                .object()
                .value(QLatin1String("remote_consoles"))
                .toInt(-1);
        };
        QCOMPARE(remoteConsoles(), 0);
        const auto console = [&](const QString &password) {
            auto p = std::make_unique<QProcess>();
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
            p->setProcessEnvironment(env);
            p->start(QStringLiteral(SHOPDESK_CONSOLE_PATH),
                     {QStringLiteral("--connect"), m_server->address(), QStringLiteral("--store"),
                      QStringLiteral("shop"), QStringLiteral("--name"), QStringLiteral("Ravi"),
                      QStringLiteral("--password-stdin")});
            p->write(password.toUtf8() + '\n');
            p->closeWriteChannel();
            return p;
        };
        const qint64 shop = m_server->store().tenants().tenantBySlug(QStringLiteral("shop"))->id;
        const auto audited = [&](const QString &action) {
            auto log = m_server->store().audit().entries(shop, {});
            for (const AuditEntry &e : log ? log.value() : QList<AuditEntry>{})
                if (e.action == action && e.operatorName == QLatin1String("Ravi"))
                    return true;
            return false;
        };

        auto wrong = console(QStringLiteral("not-it-at-all"));
        QTRY_VERIFY_WITH_TIMEOUT(audited(QStringLiteral("signin.failed")), 30000);
        QCOMPARE(remoteConsoles(), 0);
        wrong->kill();
        wrong->waitForFinished(10000);

        auto right = console(QStringLiteral("ravi-password-1"));
        QTRY_COMPARE_WITH_TIMEOUT(remoteConsoles(), 1, 30000);
        QVERIFY(audited(QStringLiteral("signin")));
        QCOMPARE(right->state(), QProcess::Running);
        right->terminate();
        QVERIFY(right->waitForFinished(15000));
        QTRY_COMPARE_WITH_TIMEOUT(remoteConsoles(), 0, 20000);
    }

    void anExpiredSignInAsksAgain()
    {
        QVERIFY(m_server->start({QStringLiteral("--no-agent"), QStringLiteral("--console-sign-in"),
                                 QStringLiteral("0.05")}) > 0);
        RemoteConsoleClient client;
        QVERIFY(m_server->open(client));
        QVERIFY(m_server->signIn(client, QStringLiteral("shop"), QStringLiteral("Ravi")));
        RemoteConsoleWindow window(client);
        QSignalSpy asked(&window, &RemoteConsoleWindow::signInNeeded);
        window.start();
        window.show();
        QVERIFY(asked.wait(20000));
        QVERIFY(asked.first().first().toString().contains(QLatin1String("expired")));
        QCOMPARE(window.banner()->kind(), BannerWidget::Kind::Error);
    }
};

QTEST_MAIN(RemoteConsoleTest)
#include "tst_remote_console.moc"
