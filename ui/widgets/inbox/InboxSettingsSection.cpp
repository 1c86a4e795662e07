#include "widgets/inbox/InboxSettingsSection.h"

#include "conversation/ConversationService.h"
#include "conversation/OutgoingFile.h"
#include "widgets/inbox/LabelDot.h"

#include <QColorDialog>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace shopdesk {

namespace {

constexpr int ColourRole = Qt::UserRole + 1;
constexpr int PathRole = Qt::UserRole + 2;
enum ReplyColumn { Shortcut, Text, File };

QLabel *hintLabel(const QString &text, QWidget *parent)
{
    auto *hint = new QLabel(text, parent);
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color:#666;"));
    return hint;
}

} // namespace

InboxSettingsSection::InboxSettingsSection(ConversationService &service, QString dataDir,
                                           QWidget *parent)
    : QGroupBox(tr("Inbox: labels and quick replies"), parent)
    , m_service(service)
    , m_dataDir(std::move(dataDir))
{
    setObjectName(QStringLiteral("inboxSettings"));
    auto *layout = new QVBoxLayout(this);
    auto *columns = new QHBoxLayout;
    columns->addWidget(buildLabels(), 1);
    columns->addWidget(buildReplies(), 3);
    layout->addLayout(columns);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    m_save = new QPushButton(tr("Save labels and quick replies"), this);
    m_save->setObjectName(QStringLiteral("saveInbox"));
    buttons->addWidget(m_save);
    layout->addLayout(buttons);
    connect(m_save, &QPushButton::clicked, this, &InboxSettingsSection::save);
}

QWidget *InboxSettingsSection::buildLabels()
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Labels (double-click to rename)"), box));
    m_labels = new QListWidget(box);
    m_labels->setObjectName(QStringLiteral("labelList"));
    layout->addWidget(m_labels, 1);
    auto *row = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add"), box);
    auto *colour = new QPushButton(tr("Colour…"), box);
    auto *remove = new QPushButton(tr("Remove"), box);
    row->addWidget(add);
    row->addWidget(colour);
    row->addWidget(remove);
    layout->addLayout(row);
    connect(add, &QPushButton::clicked, this, [this] {
        addLabel(tr("New label"), InboxSettings{}.colorOf(QString::number(m_labels->count())));
        m_labels->setCurrentRow(m_labels->count() - 1);
        m_labels->editItem(m_labels->currentItem());
    });
    connect(colour, &QPushButton::clicked, this, &InboxSettingsSection::chooseColour);
    connect(remove, &QPushButton::clicked, this, [this] { delete m_labels->currentItem(); });
    return box;
}

QWidget *InboxSettingsSection::buildReplies()
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Quick replies"), box));
    m_replies = new QTableWidget(0, 3, box);
    m_replies->setObjectName(QStringLiteral("quickReplyTable"));
    m_replies->setHorizontalHeaderLabels({tr("Shortcut"), tr("Text"), tr("File (optional)")});
    m_replies->horizontalHeader()->setSectionResizeMode(Text, QHeaderView::Stretch);
    m_replies->verticalHeader()->hide();
    m_replies->setSelectionBehavior(QAbstractItemView::SelectRows);
    layout->addWidget(m_replies, 1);
    layout->addWidget(hintLabel(tr("In a chat, type / and the shortcut. {name} becomes the "
                                   "customer's first name, {store} the store's name and "
                                   "{balance} what the customer owes. A file (a UPI QR, a price "
                                   "list) goes with the text as its caption."),
                                box));
    auto *row = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add"), box);
    auto *file = new QPushButton(tr("File…"), box);
    auto *noFile = new QPushButton(tr("No file"), box);
    auto *remove = new QPushButton(tr("Remove"), box);
    for (QPushButton *b : {add, file, noFile, remove})
        row->addWidget(b);
    row->addStretch(1);
    layout->addLayout(row);
    connect(add, &QPushButton::clicked, this, [this] {
        addReply({QStringLiteral("new"), QString(), QString()});
        m_replies->setCurrentCell(m_replies->rowCount() - 1, Shortcut);
        m_replies->editItem(m_replies->currentItem());
    });
    connect(file, &QPushButton::clicked, this, &InboxSettingsSection::chooseFile);
    connect(noFile, &QPushButton::clicked, this,
            [this] { setReplyFile(m_replies->currentRow(), {}); });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_replies->currentRow() >= 0)
            m_replies->removeRow(m_replies->currentRow());
    });
    return box;
}

void InboxSettingsSection::addLabel(const QString &name, const QString &colour)
{
    auto *item = new QListWidgetItem(labelDot(colour), name, m_labels);
    item->setData(ColourRole, colour);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
}

void InboxSettingsSection::addReply(const QuickReply &reply)
{
    const int row = m_replies->rowCount();
    m_replies->insertRow(row);
    m_replies->setItem(row, Shortcut, new QTableWidgetItem(reply.shortcut));
    m_replies->setItem(row, Text, new QTableWidgetItem(reply.text));
    auto *file = new QTableWidgetItem(reply.image.isEmpty() ? tr("none")
                                                            : QFileInfo(reply.image).fileName());
    file->setData(PathRole, reply.image);
    file->setFlags(file->flags() & ~Qt::ItemIsEditable);
    if (!reply.image.isEmpty() && !QFileInfo::exists(reply.image))
        file->setText(tr("missing: %1").arg(QFileInfo(reply.image).fileName()));
    m_replies->setItem(row, File, file);
}

void InboxSettingsSection::chooseColour()
{
    QListWidgetItem *item = m_labels->currentItem();
    if (!item)
        return;
    const QColor picked = QColorDialog::getColor(QColor(item->data(ColourRole).toString()), this,
                                                 tr("Colour of \"%1\"").arg(item->text()));
    if (!picked.isValid())
        return;
    item->setData(ColourRole, picked.name());
    item->setIcon(labelDot(picked.name()));
}

void InboxSettingsSection::chooseFile()
{
    if (m_replies->currentRow() < 0) {
        Q_EMIT message(tr("Choose the quick reply the file is for first."), true);
        return;
    }
    const QString path = QFileDialog::getOpenFileName(this, tr("A file for this quick reply"));
    if (!path.isEmpty())
        setReplyFile(m_replies->currentRow(), path);
}

bool InboxSettingsSection::setReplyFile(int row, const QString &path)
{
    if (row < 0 || row >= m_replies->rowCount())
        return false;
    QString kept;
    if (!path.isEmpty()) {
        auto file = OutgoingFile::prepare(path, m_dataDir, m_tenantId, QStringLiteral("quick"));
        if (!file) {
            Q_EMIT message(tr("That file cannot be a quick reply: %1").arg(file.error()), true);
            return false;
        }
        kept = file->path;
    }
    QTableWidgetItem *item = m_replies->item(row, File);
    item->setData(PathRole, kept);
    item->setText(kept.isEmpty() ? tr("none") : QFileInfo(path).fileName());
    return true;
}

InboxSettings InboxSettingsSection::edited() const
{
    InboxSettings out;
    for (int i = 0; i < m_labels->count(); ++i) {
        const QListWidgetItem *item = m_labels->item(i);
        out.labels << item->text().trimmed();
        out.labelColors.insert(item->text().trimmed(), item->data(ColourRole).toString());
    }
    for (int row = 0; row < m_replies->rowCount(); ++row) {
        const auto text = [this, row](int column) {
            const QTableWidgetItem *item = m_replies->item(row, column);
            return item ? item->text().trimmed() : QString();
        };
        out.quickReplies.append(
            {text(Shortcut), text(Text), m_replies->item(row, File)->data(PathRole).toString()});
    }
    return out;
}

void InboxSettingsSection::show(const InboxSettings &settings)
{
    m_labels->clear();
    for (const QString &label : settings.labels)
        addLabel(label, settings.colorOf(label));
    m_replies->setRowCount(0);
    for (const QuickReply &r : settings.quickReplies)
        addReply(r);
    m_replies->resizeColumnToContents(Shortcut);
}

void InboxSettingsSection::setTenant(qint64 tenantId)
{
    m_tenantId = tenantId;
    m_service.inboxSettings(tenantId, this, [this, tenantId](Result<InboxSettings> r) {
        if (tenantId != m_tenantId)
            return;
        if (!r) {
            Q_EMIT message(tr("The inbox settings could not be read: %1").arg(r.error()), true);
            return;
        }
        show(r.value());
        Q_EMIT loaded();
    });
}

void InboxSettingsSection::save()
{
    const InboxSettings settings = edited();
    if (const QString invalid = settings.validate(); !invalid.isEmpty()) {
        Q_EMIT message(tr("Not saved: %1").arg(invalid), true);
        return;
    }
    m_save->setEnabled(false);
    m_service.saveInboxSettings(m_tenantId, m_actor, settings, this, [this](Status r) {
        m_save->setEnabled(true);
        if (!r) {
            Q_EMIT message(tr("The labels and quick replies were not saved: %1").arg(r.error()),
                           true);
            return;
        }
        Q_EMIT message(tr("Labels and quick replies saved."), false);
        Q_EMIT saved();
    });
}

} // namespace shopdesk
