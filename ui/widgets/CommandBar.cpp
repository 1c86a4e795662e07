#include "widgets/CommandBar.h"

#include "owner/OwnerCommandService.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace shopdesk {

CommandBar::CommandBar(OwnerCommandService &commands, QWidget *parent)
    : QFrame(parent)
    , m_commands(commands)
{
    setObjectName(QStringLiteral("commandBar"));
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(QStringLiteral("#commandBar { background:#fffdf5; border:1px solid #d6c98f; "
                                 "border-radius:6px; }"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    m_transcript = new QLabel(this);
    m_transcript->setObjectName(QStringLiteral("commandTranscript"));
    m_transcript->setTextFormat(Qt::PlainText);
    m_transcript->setWordWrap(true);
    m_transcript->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_transcript->hide();
    layout->addWidget(m_transcript);
    m_line = new QLineEdit(this);
    m_line->setObjectName(QStringLiteral("commandLine"));
    m_line->setPlaceholderText(tr("Rahul ka balance · Rahul ne 500 diye · Rahul ko 2 kg chawal "
                                  "udhaar · atta ka stock · aaj ki sale   (Esc to close)"));
    layout->addWidget(m_line);
    connect(m_line, &QLineEdit::returnPressed, this, &CommandBar::send);
    hide();
}

void CommandBar::setStore(qint64 tenantId, qint64 actorId)
{
    if (tenantId == m_tenantId && actorId == m_actorId)
        return;
    m_tenantId = tenantId;
    m_actorId = actorId;
    m_context = {};
    m_lines.clear();
    m_transcript->clear();
    m_transcript->hide();
}

void CommandBar::open()
{
    show();
    raise();
    m_line->setFocus();
    m_line->selectAll();
}

void CommandBar::append(const QString &who, const QString &text)
{
    m_lines << QStringLiteral("%1 %2").arg(who, text);
    while (m_lines.size() > 8)
        m_lines.removeFirst();
    m_transcript->setText(m_lines.join(QLatin1Char('\n')));
    m_transcript->show();
}

void CommandBar::send()
{
    const QString text = m_line->text().trimmed();
    if (text.isEmpty() || m_busy)
        return;
    if (m_actorId <= 0) {
        append(QStringLiteral("!"), tr("Choose who you are (sign in) first."));
        return;
    }
    m_busy = true;
    m_line->clear();
    append(QStringLiteral("\u203a"), text);
    m_commands.run(m_tenantId, m_actorId, m_context, text, this,
                   [this](Result<OwnerCommands::Reply> r) {
                       m_busy = false;
                       if (r)
                           m_context = r->context;
                       const QString reply = r ? r->text : r.error();
                       append(QStringLiteral("\u2022"), reply);
                       Q_EMIT answered(reply);
                   });
}

void CommandBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        hide();
        if (parentWidget())
            parentWidget()->setFocus();
        return;
    }
    QFrame::keyPressEvent(event);
}

} // namespace shopdesk
