#include "widgets/inbox/ConversationHeader.h"

#include "messaging/PhoneAddress.h"
#include "widgets/inbox/LabelDot.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QShortcut>
#include <QToolButton>
#include <QVBoxLayout>

namespace shopdesk {

namespace {

QString duration(qint64 seconds)
{
    if (seconds < 60)
        return QObject::tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return QObject::tr("%1 min").arg(seconds / 60);
    return QObject::tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
}

} // namespace

ConversationHeader::ConversationHeader(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("conversationHeader"));
    setAttribute(Qt::WA_StyledBackground);
    setStyleSheet(QStringLiteral(
        "#conversationHeader { background:#f6f6f6; border-bottom:1px solid #ddd; }"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 10, 16, 10);
    auto *top = new QHBoxLayout;
    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    top->addWidget(m_title, 1);
    m_takeOver = new QPushButton(tr("Take over"), this);
    m_takeOver->setObjectName(QStringLiteral("takeOverButton"));
    m_takeOver->setToolTip(tr("Answer this customer yourself; the bot goes silent (Ctrl+T)"));
    m_takeOver->setStyleSheet(QStringLiteral(
        "QPushButton { background:#2f6f4f; color:white; padding:4px 12px; border-radius:4px; }"));
    m_handBack = new QPushButton(tr("Hand back to bot"), this);
    m_handBack->setObjectName(QStringLiteral("handBackButton"));
    m_handBack->setToolTip(tr("The bot answers this customer's next message (Ctrl+B)"));
    m_close = new QToolButton(this);
    m_close->setText(tr("Close"));
    m_close->setObjectName(QStringLiteral("closeChatButton"));
    m_close->setPopupMode(QToolButton::MenuButtonPopup);
    auto *reasons = new QMenu(m_close);
    for (const QString &reason :
         {tr("Order delivered"), tr("Question answered"), tr("Payment received"),
          tr("No reply from the customer"), tr("Spam")})
        connect(reasons->addAction(reason), &QAction::triggered, this,
                [this, reason] { Q_EMIT closeRequested(reason); });
    m_close->setMenu(reasons);
    m_close->setToolTip(tr("Done with this chat; it opens again if the customer writes "
                           "(Ctrl+Shift+C)"));
    m_reopen = new QPushButton(tr("Reopen"), this);
    m_reopen->setObjectName(QStringLiteral("reopenChatButton"));
    m_reopen->setToolTip(tr("Open the chat again, with the bot answering (Ctrl+Shift+O)"));
    m_assign = new QToolButton(this);
    m_assign->setObjectName(QStringLiteral("assignButton"));
    m_assign->setText(tr("Assign to…"));
    m_assign->setPopupMode(QToolButton::InstantPopup);
    m_assignMenu = new QMenu(m_assign);
    m_assign->setMenu(m_assignMenu);
    m_labelsButton = new QToolButton(this);
    m_labelsButton->setObjectName(QStringLiteral("labelsButton"));
    m_labelsButton->setText(tr("Labels"));
    m_labelsButton->setPopupMode(QToolButton::InstantPopup);
    m_labelMenu = new QMenu(m_labelsButton);
    m_labelsButton->setMenu(m_labelMenu);
    for (QWidget *w : {static_cast<QWidget *>(m_takeOver), static_cast<QWidget *>(m_handBack),
                       static_cast<QWidget *>(m_close), static_cast<QWidget *>(m_reopen),
                       static_cast<QWidget *>(m_assign), static_cast<QWidget *>(m_labelsButton)})
        top->addWidget(w);
    layout->addLayout(top);
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("conversationState"));
    m_state->setStyleSheet(QStringLiteral("color:#555;"));
    m_state->setWordWrap(true);
    layout->addWidget(m_state);
    m_labels = new QLabel(this);
    m_labels->setObjectName(QStringLiteral("conversationLabels"));
    m_labels->setTextFormat(Qt::RichText);
    layout->addWidget(m_labels);

    connect(m_takeOver, &QPushButton::clicked, this, &ConversationHeader::takeOverRequested);
    connect(m_handBack, &QPushButton::clicked, this, &ConversationHeader::handBackRequested);
    connect(m_close, &QToolButton::clicked, this, [this] { Q_EMIT closeRequested(QString()); });
    connect(m_reopen, &QPushButton::clicked, this, &ConversationHeader::reopenRequested);
    addShortcut(QKeySequence(Qt::CTRL | Qt::Key_T), m_takeOver);
    addShortcut(QKeySequence(Qt::CTRL | Qt::Key_B), m_handBack);
    addShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), m_close);
    addShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), m_reopen);
    m_clock.setInterval(15000);
    connect(&m_clock, &QTimer::timeout, this, &ConversationHeader::refresh);
    clear();
}

void ConversationHeader::addShortcut(const QKeySequence &keys, QAbstractButton *button)
{
    auto *shortcut = new QShortcut(keys, this);
    shortcut->setContext(Qt::WindowShortcut);
    connect(shortcut, &QShortcut::activated, button, [button] {
        if (button->isVisible() && button->isEnabled())
            button->click();
    });
}

QString ConversationHeader::windowText(const Conversation &c, const QDateTime &now)
{
    const QDateTime closes = c.windowClosesAt();
    if (!closes.isValid())
        return tr("The customer has not written yet: only approved templates can be sent.");
    const qint64 seconds = now.secsTo(closes);
    if (seconds <= 0)
        return tr("24-hour window closed: only approved templates can be sent.");
    return tr("24-hour window open for %1 h %2 min.")
        .arg(seconds / 3600)
        .arg((seconds % 3600) / 60);
}

QString ConversationHeader::waitingText(const Conversation &c, const QDateTime &now)
{
    if (!c.needsHuman || !c.needsHumanSince.isValid())
        return {};
    return tr("waiting %1").arg(duration(std::max<qint64>(0, c.needsHumanSince.secsTo(now))));
}

void ConversationHeader::showConversation(const ConversationSummary &summary)
{
    m_summary = summary;
    m_open = true;
    const QString phone = PhoneAddress::display(summary.contactPhone);
    m_title->setText(summary.contactName.isEmpty()
                         ? phone
                         : summary.contactName + QStringLiteral("  ·  ") + phone);
    const Conversation &c = summary.conversation;
    m_takeOver->setVisible(c.owner != OwnerKind::Human);
    m_handBack->setVisible(c.owner == OwnerKind::Human ||
                           (c.owner == OwnerKind::Bot && c.needsHuman));
    m_close->setVisible(c.owner != OwnerKind::Closed);
    m_reopen->setVisible(c.owner == OwnerKind::Closed);
    m_assign->setVisible(true);
    m_labelsButton->setVisible(true);
    rebuildLabelMenu();
    refresh();
    m_clock.start();
}

void ConversationHeader::clear()
{
    m_open = false;
    m_clock.stop();
    m_title->setText(tr("Inbox"));
    m_state->setText(tr("Messages from your customers on WhatsApp."));
    m_labels->clear();
    for (QWidget *w : {static_cast<QWidget *>(m_takeOver), static_cast<QWidget *>(m_handBack),
                       static_cast<QWidget *>(m_close), static_cast<QWidget *>(m_reopen),
                       static_cast<QWidget *>(m_assign), static_cast<QWidget *>(m_labelsButton)})
        w->hide();
}

void ConversationHeader::refresh()
{
    if (!m_open)
        return;
    const Conversation &c = m_summary.conversation;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString owner;
    switch (c.owner) {
    case OwnerKind::Bot:
        owner = tr("The bot is answering.");
        break;
    case OwnerKind::Human:
        owner =
            tr("%1 is answering; the bot is silent.")
                .arg(m_summary.ownerName.isEmpty() ? tr("The store's phone") : m_summary.ownerName);
        break;
    case OwnerKind::Closed:
        owner = c.closedReason.isEmpty() ? tr("Closed.") : tr("Closed: %1.").arg(c.closedReason);
        break;
    }
    if (c.needsHuman)
        owner += QLatin1Char(' ') +
                 tr("Needs a person (%1): %2.").arg(waitingText(c, now), c.escalationReason);
    m_state->setText(owner + QLatin1Char(' ') + windowText(c, now));
    QStringList chips;
    for (const QString &label : c.labels)
        chips << QStringLiteral("<span style='background:%1; color:white;'>&nbsp;%2&nbsp;</span>")
                     .arg(colorOf(label), label.toHtmlEscaped());
    m_labels->setText(chips.join(QStringLiteral(" ")));
    m_labels->setVisible(!chips.isEmpty());
}

void ConversationHeader::setOperators(const QList<Operator> &operators)
{
    m_assignMenu->clear();
    for (const Operator &op : operators) {
        QAction *action = m_assignMenu->addAction(op.name);
        action->setData(op.id);
        connect(action, &QAction::triggered, this,
                [this, id = op.id] { Q_EMIT assignRequested(id); });
    }
}

void ConversationHeader::setAvailableLabels(const QStringList &labels,
                                            const QMap<QString, QString> &colors)
{
    m_availableLabels = labels;
    m_labelColors = colors;
    rebuildLabelMenu();
    if (m_summary.conversation.id > 0)
        showConversation(m_summary);
}

QString ConversationHeader::colorOf(const QString &label) const
{
    return m_labelColors.value(label, QStringLiteral("#5e5c64"));
}

void ConversationHeader::rebuildLabelMenu()
{
    m_labelMenu->clear();
    QStringList all = m_availableLabels;
    for (const QString &own : m_summary.conversation.labels)
        if (!all.contains(own))
            all << own;
    for (const QString &label : std::as_const(all)) {
        QAction *action = m_labelMenu->addAction(labelDot(colorOf(label)), label);
        action->setCheckable(true);
        action->setChecked(m_summary.conversation.labels.contains(label));
        connect(action, &QAction::toggled, this,
                [this, label](bool on) { Q_EMIT labelToggled(label, on); });
    }
}

} // namespace shopdesk
