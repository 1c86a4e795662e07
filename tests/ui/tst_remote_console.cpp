// The remote console (`shopdesk --connect`) driven through its widgets against a real
// `shopdesk-cli serve` process: the sign-in dialog refusing a wrong password then signing in,
// a customer's message arriving live in the inbox, taking the chat over from the header, a
// reply that reaches the provider, handing it back; an agent's stock that cannot be edited and
// no analytics tab, the owner's figures and stock change; the window asking to sign in again
// when the node signs it out. Screenshots go to $SHOPDESK_SCREENSHOT_DIR.
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
#include "widgets/BannerWidget.h"
#include "widgets/inbox/ChatComposer.h"
#include "widgets/inbox/ConversationHeader.h"

#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
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

        QSignalSpy answered(window.knowledge(), &RemoteKnowledgePane::answered);
        window.knowledge()->ask(QStringLiteral("Do you deliver on Sunday?"));
        QVERIFY(answered.wait(30000));
        QVERIFY(!window.knowledge()->answerLabel()->text().isEmpty());
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
