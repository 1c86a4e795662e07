#include "AttentionNotifier.h"
#include "ConsoleFixture.h"
#include "ConsoleOperator.h"
#include "ConsoleSettings.h"
#include "ConversationFilterModel.h"
#include "ConversationListModel.h"
#include "MessageListModel.h"
#include "agent/Agent.h"
#include "domain/LedgerEntry.h"
#include "messaging/ChannelConfig.h"
#include "messaging/SimulatorPhone.h"
#include "messaging/WebhookService.h"
#include "panes/ConversationView.h"
#include "panes/InboxPane.h"
#include "panes/SettingsPane.h"
#include "reading/MediaReading.h"
#include "storage/SqlSupport.h"
#include "widgets/BannerWidget.h"
#include "widgets/agent/TracePanel.h"
#include "widgets/inbox/AttachmentChip.h"
#include "widgets/inbox/ChatComposer.h"
#include "widgets/inbox/ConversationHeader.h"
#include "widgets/inbox/InboxSettingsSection.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QTableWidget>
#include <QToolButton>
#include <QtTest>

using namespace shopdesk;
using View = ConversationFilterModel::View;

// The operator's inbox driven through its widgets, with the bot on: take over from the header,
// a reply that takes over, hand back and the bot answers the next message, close and reopen,
// the views and their counts, a quick reply, a private note that never reaches the phone, a
// label filter, and the alert when a chat starts waiting for a person.
class InboxTakeoverTest : public QObject
{
    Q_OBJECT

    test::ConsoleFixture console;
    Channel channel;
    QStringList phoneReceived;
    int nextPhone = 0;

    InboxPane *inbox() { return console.window().inboxPane(); }
    ConversationView *view() { return inbox()->conversationView(); }
    ConversationHeader *header() { return view()->header(); }
    ChatComposer *composer() { return view()->chatComposer(); }
    ConversationListModel *chats()
    {
        return static_cast<ConversationListModel *>(inbox()->filter()->sourceModel());
    }

    // A customer writes on the simulator channel; waits for the bot's turn.
    AgentTurn::Outcome customerSays(const QString &phone, const QString &text)
    {
        QSignalSpy handled(&console.engine().agent(), &Agent::handled);
        console.engine().simulator().customerSays(channel.id, phone, QStringLiteral("Kavya Iyer"),
                                                  text);
        if (!QTest::qWaitFor([&] { return !handled.isEmpty(); }, 20000))
            return {};
        return handled.first().at(2).value<AgentTurn::Outcome>();
    }

    qint64 chatOf(const QString &phone)
    {
        for (int row = 0; row < chats()->rowCount(); ++row)
            if (chats()->summaryAt(row).contactPhone == phone)
                return chats()->summaryAt(row).conversation.id;
        return 0;
    }

    Conversation stored(qint64 id)
    {
        auto c = console.run(
            [&](Store &s) { return s.conversations().conversation(console.tenantId(), id); });
        return c ? c.value() : Conversation{};
    }

    // A new customer's chat, opened in the inbox.
    qint64 openNewChat(const QString &text = QStringLiteral("hello"))
    {
        const QString phone = QStringLiteral("9199%1").arg(10000000 + ++nextPhone);
        customerSays(phone, text);
        if (!QTest::qWaitFor([&] { return chatOf(phone) > 0; }, 10000))
            return 0;
        const qint64 id = chatOf(phone);
        inbox()->setView(View::AllOpen);
        inbox()->openConversation(id);
        // Open, with the customer's message and the bot's answer shown.
        if (!QTest::qWaitFor(
                [&] {
                    return view()->conversationId() == id &&
                           view()->messageList()->model()->rowCount() >= 2;
                },
                5000))
            qWarning("the chat %lld did not open", id);
        return id;
    }

    int messagesOf(const QString &author)
    {
        const QAbstractItemModel *m = view()->messageList()->model();
        int n = 0;
        for (int row = 0; row < m->rowCount(); ++row)
            n += m->index(row, 0).data(MessageListModel::AuthorRole).toString() == author;
        return n;
    }

    // A real PNG photo in the fixture's home folder.
    QString photo(const QString &name, QSize size = {120, 120})
    {
        QImage image(size, QImage::Format_RGB32);
        image.fill(QColor(0x2e, 0xc2, 0x7e));
        const QString path = console.path(name);
        return image.save(path, "PNG") ? path : QString();
    }

    QString stateText()
    {
        return header()->findChild<QLabel *>(QStringLiteral("conversationState"))->text();
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<AgentTurn::Outcome>();
        console.signInAs(QStringLiteral("Priya Sharma"));
        QVERIFY(console.start(QStringLiteral("tst_inbox_takeover"), true, {1400, 860}));
        QSignalSpy loaded(&console.engine(), &Engine::webhookChannelsLoaded);
        auto added = console.run([this](Store &s) {
            QJsonObject config{{QStringLiteral("templates"),
                                QJsonArray{QJsonObject{
                                    {QStringLiteral("name"), QStringLiteral("order_ready")},
                                    {QStringLiteral("language"), QStringLiteral("en")},
                                    {QStringLiteral("text"),
                                     QStringLiteral("Hello {{1}}, your order {{2}} is ready.")}}}}};
            Channel c;
            if (auto valid = ChannelConfig::validate(QStringLiteral("simulator"), config); !valid)
                return Result<Channel>::failure(valid.error());
            c.configJson = QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Compact));
            c.provider = QStringLiteral("simulator");
            c.name = QStringLiteral("Test phone");
            return s.channels().addChannel(console.tenantId(), c);
        });
        QVERIFY2(added, qPrintable(added.error()));
        channel = added.value();
        QVERIFY(QTest::qWaitFor([&] { return loaded.size() > 0; }, 10000));
        connect(&console.engine().simulator(), &SimulatorPhone::received, this,
                [this](qint64, const QString &, const QString &text) { phoneReceived << text; });
        new QAbstractItemModelTester(inbox()->filter(),
                                     QAbstractItemModelTester::FailureReportingMode::Fatal, this);
        new QAbstractItemModelTester(chats(), QAbstractItemModelTester::FailureReportingMode::Fatal,
                                     this);
        new QAbstractItemModelTester(view()->messageList()->model(),
                                     QAbstractItemModelTester::FailureReportingMode::Fatal, this);
    }

    void takeOverFromTheHeaderSilencesTheBot()
    {
        const qint64 id = openNewChat();
        QVERIFY(id > 0);
        QVERIFY(header()->takeOverButton()->isVisible());
        QTest::mouseClick(header()->takeOverButton(), Qt::LeftButton);
        QTRY_COMPARE(stored(id).owner, OwnerKind::Human);
        QTRY_VERIFY(stateText().contains(QLatin1String("Priya Sharma is answering")));
        QTRY_VERIFY(header()->handBackButton()->isVisible());
        QVERIFY(!header()->takeOverButton()->isVisible());
        QTRY_COMPARE(messagesOf(QStringLiteral("system")), 1);
        const int bot = messagesOf(QStringLiteral("bot"));
        const AgentTurn::Outcome quiet =
            customerSays(chats()->summaryAt(chats()->rowOf(id)).contactPhone,
                         QStringLiteral("is amul butter available?"));
        QCOMPARE(quiet.decision, QStringLiteral("silent"));
        QCOMPARE(messagesOf(QStringLiteral("bot")), bot);
        // Beside the chat, why the bot said nothing.
        const QAbstractItemModel *traces = inbox()->tracePanel()->list()->model();
        QTRY_VERIFY(traces->rowCount() >= 2);
        const auto explained = [traces] {
            for (int row = 0; row < traces->rowCount(); ++row)
                if (traces->index(row, 0).data().toString().contains(
                        QLatin1String("bot silent: a person owns this chat")))
                    return true;
            return false;
        };
        QTRY_VERIFY(explained());
        console.screenshot(QStringLiteral("inbox-taken-over"));

        // Hand back (Ctrl+B): the bot answers the next message.
        QTest::keyClick(&console.window(), Qt::Key_B, Qt::ControlModifier);
        QTRY_COMPARE(stored(id).owner, OwnerKind::Bot);
        QTRY_VERIFY(stateText().contains(QLatin1String("The bot is answering")));
        const AgentTurn::Outcome answered = customerSays(
            chats()->summaryAt(chats()->rowOf(id)).contactPhone, QStringLiteral("thanks"));
        QCOMPARE(answered.decision, QStringLiteral("reply"));
        QTRY_COMPARE(messagesOf(QStringLiteral("bot")), bot + 1);
    }

    void aReplyTakesOverUnlessToldNot()
    {
        const qint64 id = openNewChat();
        QVERIFY(composer()->keepBot()->isVisible());
        composer()->keepBot()->setChecked(true);
        QTest::keyClicks(composer()->editor(), QStringLiteral("Checking with the bot on"));
        QTest::keyClick(composer()->editor(), Qt::Key_Return);
        QTRY_VERIFY(phoneReceived.contains(QStringLiteral("Checking with the bot on")));
        QCOMPARE(stored(id).owner, OwnerKind::Bot);

        composer()->keepBot()->setChecked(false);
        QTest::keyClicks(composer()->editor(), QStringLiteral("Priya here, one moment"));
        QTest::mouseClick(composer()->sendButton(), Qt::LeftButton);
        QTRY_COMPARE(stored(id).owner, OwnerKind::Human);
        QCOMPARE(stored(id).ownerOperatorId, console.window().consoleOperator()->current().id);
        QTRY_VERIFY(phoneReceived.contains(QStringLiteral("Priya here, one moment")));
        QTRY_VERIFY(composer()->editor()->text().isEmpty());
        QVERIFY(!composer()->keepBot()->isVisible());
    }

    void aNoteNeverReachesThePhone()
    {
        const qint64 id = openNewChat();
        QTRY_COMPARE(view()->messageList()->model()->rowCount(), 2); // the customer, the bot
        const int before = view()->messageList()->model()->rowCount();
        QTest::mouseClick(composer()->noteToggle(), Qt::LeftButton);
        QVERIFY(composer()->noteToggle()->isChecked());
        QTest::keyClicks(composer()->editor(), QStringLiteral("Owes 200 from last week"));
        QTest::keyClick(composer()->editor(), Qt::Key_Return);
        QTRY_COMPARE(view()->messageList()->model()->rowCount(), before + 1);
        const QModelIndex note = view()->messageList()->model()->index(before, 0);
        QCOMPARE(note.data(MessageListModel::TypeRole).toString(), QStringLiteral("note"));
        // A reply after it goes out; the note never does, and the bot still has the chat.
        QTest::mouseClick(composer()->noteToggle(), Qt::LeftButton);
        QTest::keyClicks(composer()->editor(), QStringLiteral("After the note"));
        QTest::keyClick(composer()->editor(), Qt::Key_Return);
        QTRY_VERIFY(phoneReceived.contains(QStringLiteral("After the note")));
        QVERIFY(!phoneReceived.contains(QStringLiteral("Owes 200 from last week")));
        QVERIFY(stored(id).owner == OwnerKind::Human);
        console.screenshot(QStringLiteral("inbox-note"));
    }

    void aQuickReplyFillsInTheCustomersName()
    {
        openNewChat();
        QLineEdit *editor = composer()->editor();
        QTest::keyClicks(editor, QStringLiteral("/he"));
        QCompleter *quick = composer()->quickReplyCompleter();
        QVERIFY(quick->completionCount() >= 1);
        QCOMPARE(quick->currentCompletion(), QStringLiteral("/hello"));
        Q_EMIT quick->activated(QStringLiteral("/hello"));
        QTRY_VERIFY(editor->text().startsWith(QLatin1String("Namaste Kavya!")));
        QVERIFY(editor->text().contains(QLatin1String("Sharma General Store")));
        editor->clear();
    }

    void closeAndReopenFromTheHeader()
    {
        const qint64 id = openNewChat();
        QMenu *reasons = header()->closeButton()->menu();
        QVERIFY(reasons);
        reasons->actions().first()->trigger(); // "Order delivered"
        QTRY_COMPARE(stored(id).owner, OwnerKind::Closed);
        QCOMPARE(stored(id).closedReason, QStringLiteral("Order delivered"));
        inbox()->setView(View::Closed);
        QTRY_VERIFY(inbox()->openConversation(id));
        QTRY_VERIFY(header()->reopenButton()->isVisible());
        QTest::mouseClick(header()->reopenButton(), Qt::LeftButton);
        QTRY_COMPARE(stored(id).owner, OwnerKind::Bot);
    }

    void viewsCountAndTheQueueAlerts()
    {
        QSignalSpy alerts(console.window().attention(), &AttentionNotifier::notified);
        inbox()->setView(View::NeedsPerson);
        const int waiting = inbox()->filter()->count(View::NeedsPerson);
        QTRY_VERIFY(
            inbox()->viewButton(View::NeedsPerson)->text().contains(QString::number(waiting)));

        const QString phone = QStringLiteral("9199%1").arg(10000000 + ++nextPhone);
        const AgentTurn::Outcome out =
            customerSays(phone, QStringLiteral("I want to talk to a person"));
        QCOMPARE(out.decision, QStringLiteral("escalate"));
        QTRY_COMPARE(inbox()->filter()->count(View::NeedsPerson), waiting + 1);
        QTRY_VERIFY(
            inbox()->viewButton(View::NeedsPerson)->text().contains(QString::number(waiting + 1)));
        QTRY_VERIFY(!alerts.isEmpty());
        const qint64 id = chatOf(phone);
        QCOMPARE(alerts.last().at(0).toLongLong(), id);
        QVERIFY(alerts.last().at(1).toString().contains(QLatin1String("Kavya Iyer")));
        // The queue: the longest wait first, so the new chat is last.
        const QAbstractItemModel *queue = inbox()->conversationList()->model();
        QCOMPARE(queue->index(queue->rowCount() - 1, 0)
                     .data(ConversationListModel::ConversationIdRole)
                     .toLongLong(),
                 id);
        console.screenshot(QStringLiteral("inbox-queue"));
        // Clicking the alert opens the chat.
        Q_EMIT console.window().attention()->openRequested(id);
        QTRY_COMPARE(view()->conversationId(), id);

        // Mine: the chats the operator took.
        const int mine = inbox()->filter()->count(View::Mine);
        QTest::mouseClick(header()->takeOverButton(), Qt::LeftButton);
        QTRY_COMPARE(inbox()->filter()->count(View::Mine), mine + 1);
        QTRY_COMPARE(inbox()->filter()->count(View::NeedsPerson), waiting);
        inbox()->setView(View::Mine);
        QTRY_VERIFY(inbox()->conversationList()->model()->rowCount() == mine + 1);
    }

    void aLabelFiltersTheList()
    {
        const qint64 id = openNewChat();
        QMenu *labels = header()->labelsButton()->menu();
        QTRY_VERIFY(labels->actions().size() >= 5);
        QAction *paid = nullptr;
        for (QAction *a : labels->actions())
            if (a->text() == QLatin1String("Pending payment"))
                paid = a;
        QVERIFY(paid);
        paid->setChecked(true);
        QTRY_VERIFY(stored(id).labels.contains(QStringLiteral("Pending payment")));
        QComboBox *filter = inbox()->labelFilter();
        filter->setCurrentIndex(filter->findData(QStringLiteral("Pending payment")));
        inbox()->setView(View::AllOpen);
        QTRY_COMPARE(inbox()->conversationList()->model()->rowCount(), 1);
        QCOMPARE(inbox()
                     ->conversationList()
                     ->model()
                     ->index(0, 0)
                     .data(ConversationListModel::ConversationIdRole)
                     .toLongLong(),
                 id);
        filter->setCurrentIndex(0);
    }

    void searchFindsMessageText()
    {
        const qint64 id = openNewChat(QStringLiteral("do you have kashmiri saffron"));
        auto *search = inbox()->findChild<QLineEdit *>(QStringLiteral("conversationSearch"));
        inbox()->setView(View::AllOpen);
        search->setText(QStringLiteral("kashmiri"));
        QTRY_VERIFY(inbox()->conversationList()->model()->rowCount() >= 1);
        bool found = false;
        const QAbstractItemModel *m = inbox()->conversationList()->model();
        for (int row = 0; row < m->rowCount(); ++row)
            found =
                found ||
                m->index(row, 0).data(ConversationListModel::ConversationIdRole).toLongLong() == id;
        QVERIFY(found);
        search->clear();
    }

    void aClosedWindowOffersTheTemplates()
    {
        const qint64 id = openNewChat();
        // The customer last wrote two days ago.
        QVERIFY(console.run([&](Store &s) {
            return sql::guard([&] {
                s.backend().exec(QStringLiteral("UPDATE conversations SET last_customer_message_at "
                                                "= ? WHERE tenant_id = ? AND id = ?"),
                                 {QDateTime::currentDateTimeUtc().addDays(-2).toMSecsSinceEpoch(),
                                  console.tenantId(), id});
                return 0;
            });
        }));
        chats()->reload();
        QTRY_VERIFY(composer()->templateMode());
        QTRY_VERIFY(composer()->templatePicker()->isVisible());
        QVERIFY(!composer()->editor()->isVisible());
        QTRY_COMPARE(composer()->templatePicker()->count(), 1);
        auto *preview = composer()->findChild<QLabel *>(QStringLiteral("templatePreview"));
        QTest::keyClicks(composer()->templateValues(), QStringLiteral("Kavya"));
        QVERIFY(preview->text().contains(QLatin1String("needs 2 values")));
        QTest::mouseClick(composer()->sendButton(), Qt::LeftButton);
        QCOMPARE(stored(id).owner, OwnerKind::Bot); // too few values: nothing sent
        QTest::keyClicks(composer()->templateValues(), QStringLiteral(" | 42"));
        console.screenshot(QStringLiteral("inbox-template-picker"));
        QTest::mouseClick(composer()->sendButton(), Qt::LeftButton);
        QTRY_VERIFY(phoneReceived.contains(QStringLiteral("Hello Kavya, your order 42 is ready.")));
        QTRY_COMPARE(stored(id).owner, OwnerKind::Human);
    }

    void aPhotoGoesWithItsCaption()
    {
        const qint64 id = openNewChat();
        const QString path = photo(QStringLiteral("shelf.png"));
        QVERIFY(!path.isEmpty());
        QVERIFY(composer()->attachButton()->isVisible());
        composer()->attachFile(path);
        QVERIFY(composer()->attachment()->isVisible());
        QCOMPARE(composer()->attachment()->file(), path);
        QTest::keyClicks(composer()->editor(), QStringLiteral("This one?"));
        console.screenshot(QStringLiteral("inbox-attachment"));
        QTest::keyClick(composer()->editor(), Qt::Key_Return);
        QTRY_VERIFY(phoneReceived.contains(QStringLiteral("[image] This one?")));
        QTRY_VERIFY(!composer()->attachment()->isVisible());
        QTRY_COMPARE(stored(id).owner, OwnerKind::Human);
        const QAbstractItemModel *m = view()->messageList()->model();
        QTRY_COMPARE(m->index(m->rowCount() - 1, 0).data(MessageListModel::TypeRole).toString(),
                     QStringLiteral("image"));

        // A photo too big for WhatsApp: a banner says why, the caption and the file stay.
        const QString huge = photo(QStringLiteral("huge.png"), {2600, 2600});
        QFile grow(huge);
        QVERIFY(grow.open(QIODevice::Append));
        grow.write(QByteArray(6 * 1024 * 1024, '\0'));
        grow.close();
        composer()->attachFile(huge);
        QTest::keyClicks(composer()->editor(), QStringLiteral("big one"));
        QTest::keyClick(composer()->editor(), Qt::Key_Return);
        QTRY_VERIFY(console.window().banner()->text().contains(QLatin1String("at most")));
        QTRY_COMPARE(composer()->editor()->text(), QStringLiteral("big one"));
        QVERIFY(composer()->attachment()->hasFile());
        QTest::mouseClick(composer()->attachment()->removeButton(), Qt::LeftButton);
        QVERIFY(!composer()->attachment()->hasFile());
        composer()->editor()->clear();
        QVERIFY(!phoneReceived.contains(QStringLiteral("[image] big one")));
    }

    // A voice note shows what was heard under its bubble, and a photo of a list what was read,
    // set off in italics below the bubble's own line.
    void aVoiceNoteShowsItsTranscript()
    {
        const qint64 id = openNewChat(QStringLiteral("namaste"));
        const auto addMedia = [&](const QString &type, const MediaReading &reading) {
            Message m;
            m.tenantId = console.tenantId();
            m.conversationId = id;
            m.direction = Direction::Inbound;
            m.author = Author::Customer;
            m.type = type;
            m.mediaState = QStringLiteral("ready");
            m.mediaMime = type == QLatin1String("voice") ? QStringLiteral("audio/ogg")
                                                         : QStringLiteral("image/jpeg");
            m.mediaRef = QStringLiteral("media/1/none");
            m.extraJson = QString::fromUtf8(
                QJsonDocument(QJsonObject{{QStringLiteral("reading"), reading.toJson()}})
                    .toJson(QJsonDocument::Compact));
            return console.run(
                [&](Store &s) { return s.conversations().appendMessage(console.tenantId(), m); });
        };
        MediaReading heard;
        heard.state = MediaReading::State::Read;
        heard.by = QStringLiteral("voice");
        heard.text = QStringLiteral("2 brown eggs aur 1 iodised salt bhej do");
        heard.confidence = 0.92;
        heard.engine = QStringLiteral("whisper-1");
        QVERIFY(addMedia(QStringLiteral("voice"), heard));
        MediaReading read;
        read.state = MediaReading::State::Read;
        read.by = QStringLiteral("photo");
        read.text = QStringLiteral("2 Brown Eggs\n3 Toor Dal\n1 Fortune Mustard Oil");
        read.confidence = 0.94;
        QVERIFY(addMedia(QStringLiteral("image"), read));
        MediaReading unheard;
        unheard.state = MediaReading::State::Unread;
        unheard.by = QStringLiteral("voice");
        unheard.reason = QStringLiteral("no voice service is set up");
        QVERIFY(addMedia(QStringLiteral("voice"), unheard));

        const QAbstractItemModel *m = view()->messageList()->model();
        QTRY_VERIFY(m->rowCount() >= 5);
        const int last = m->rowCount() - 1;
        const QModelIndex voice = m->index(last - 2, 0);
        QCOMPARE(voice.data(MessageListModel::ReadingRole).toString(),
                 QStringLiteral("Transcript, 92% sure: “2 brown eggs aur 1 iodised salt bhej do”"));
        QVERIFY(m->index(last - 1, 0)
                    .data(MessageListModel::ReadingRole)
                    .toString()
                    .startsWith(QStringLiteral("Read on the photo, 94% sure:\n2 Brown Eggs")));
        QCOMPARE(m->index(last, 0).data(MessageListModel::ReadingRole).toString(),
                 QStringLiteral("Not transcribed: no voice service is set up"));
        // The bubble grows by the transcript: taller than the customer's one-line "namaste".
        QListView *list = view()->messageList();
        const QModelIndex greeting = m->index(0, 0);
        QTRY_VERIFY(list->visualRect(voice).height() > list->visualRect(greeting).height() + 10);
        list->scrollToBottom();
        console.screenshot(QStringLiteral("inbox-voice-transcript"));
    }

    void quickRepliesAndLabelsAreEditedInSettings()
    {
        InboxSettingsSection *section = console.window().settingsPane()->inbox();
        QTRY_VERIFY(section->labels()->count() == 5);
        QTRY_VERIFY(section->quickReplies()->rowCount() >= 1);
        section->addLabel(QStringLiteral("Udhaar"), QStringLiteral("#c01c28"));
        section->addReply({QStringLiteral("pay"),
                           QStringLiteral("{name}, you owe {balance}. Scan to pay."), QString()});
        QVERIFY(section->setReplyFile(section->quickReplies()->rowCount() - 1,
                                      photo(QStringLiteral("upi-qr.png"))));
        console.window().showPane(MainWindow::Settings);
        console.window().settingsPane()->findChild<QScrollArea *>()->ensureWidgetVisible(section);
        console.screenshot(QStringLiteral("settings-inbox"));
        console.window().showPane(MainWindow::Inbox);
        QSignalSpy reloaded(inbox(), &InboxPane::settingsLoaded);
        QTest::mouseClick(section->saveButton(), Qt::LeftButton);
        QTRY_VERIFY(!reloaded.isEmpty()); // the inbox reads them again by itself

        // The new label is offered, in its colour, in the filter and the chat's menu.
        QComboBox *filter = inbox()->labelFilter();
        QVERIFY(filter->findData(QStringLiteral("Udhaar")) > 0);
        const QImage dot =
            filter->itemIcon(filter->findData(QStringLiteral("Udhaar"))).pixmap(12).toImage();
        QCOMPARE(dot.pixelColor(6, 6).name(), QStringLiteral("#c01c28"));

        // The quick reply fills in the balance and attaches the QR.
        const qint64 id = openNewChat();
        const qint64 contact = stored(id).contactId;
        QVERIFY(console.run([&](Store &s) {
            LedgerEntry credit;
            credit.contactId = contact;
            credit.amountMinor = 12000;
            return s.ledger().record(console.tenantId(), credit);
        }));
        openNewChat(); // another chat, then back: the balance is read when a chat opens
        QVERIFY(inbox()->openConversation(id));
        QTRY_COMPARE(view()->conversationId(), id);
        QTRY_COMPARE(composer()->balance(), QStringLiteral("₹120"));
        QTest::keyClicks(composer()->editor(), QStringLiteral("/pa"));
        QTRY_COMPARE(composer()->quickReplyCompleter()->currentCompletion(),
                     QStringLiteral("/pay"));
        Q_EMIT composer()->quickReplyCompleter()->activated(QStringLiteral("/pay"));
        QTRY_VERIFY(composer()->attachment()->hasFile());
        QTRY_COMPARE(composer()->editor()->text(),
                     QStringLiteral("Kavya, you owe ₹120. Scan to pay."));
        QTest::mouseClick(composer()->sendButton(), Qt::LeftButton);
        QTRY_VERIFY(phoneReceived.contains(QStringLiteral("[image] Kavya, you owe ₹120. Scan "
                                                          "to pay.")));
        // A label chip in the header has the label's colour.
        for (QAction *a : header()->labelsButton()->menu()->actions())
            if (a->text() == QLatin1String("Udhaar"))
                a->setChecked(true);
        auto *chips = header()->findChild<QLabel *>(QStringLiteral("conversationLabels"));
        QTRY_VERIFY(chips->text().contains(QLatin1String("#c01c28")));
        console.screenshot(QStringLiteral("inbox-quick-reply-file"));

        // Bad settings are refused in a banner and not saved.
        section->addReply({QStringLiteral("pay"), QStringLiteral("twice"), QString()});
        QTest::mouseClick(section->saveButton(), Qt::LeftButton);
        QTRY_VERIFY(console.window().banner()->text().contains(QLatin1String("/pay")));
        section->quickReplies()->removeRow(section->quickReplies()->rowCount() - 1);
    }

    void theAlertSoundIsASetting()
    {
        QCheckBox *sound = console.window().settingsPane()->alertSound();
        QVERIFY(sound->isChecked());
        QVERIFY(console.window().attention()->soundEnabled());
        sound->setChecked(false);
        QVERIFY(!console.window().attention()->soundEnabled());
        QVERIFY(!ConsoleSettings().alertSound());
        sound->setChecked(true);
        QVERIFY(console.window().attention()->soundEnabled());
    }

    void theStatusBarSaysWhenTheBotIsBehind()
    {
        QLabel *behind = console.window().botBacklog();
        QVERIFY(!behind->isVisible());
        Q_EMIT console.engine().agent().backlogChanged(1200);
        QVERIFY(behind->isVisible());
        QCOMPARE(behind->text(),
                 QStringLiteral("Bot is %1 messages behind").arg(QLocale().toString(1200)));
        Q_EMIT console.engine().agent().backlogChanged(0);
        QVERIFY(!behind->isVisible());
    }

    void cleanupTestCase() { console.stop(); }
};

QTEST_MAIN(InboxTakeoverTest)
#include "tst_inbox_takeover.moc"
