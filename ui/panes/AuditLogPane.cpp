#include "panes/AuditLogPane.h"

#include "AuditLogModel.h"
#include "access/OperatorService.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

namespace shopdesk {

AuditLogPane::AuditLogPane(OperatorService &operators, QWidget *parent)
    : QWidget(parent)
    , m_operators(operators)
    , m_model(new AuditLogModel(operators, this))
{
    setObjectName(QStringLiteral("auditLogPane"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    auto *title = new QLabel(tr("<h2>Audit log</h2>Who did what in this store, and when. Lines "
                                "are only ever added: nobody can change or remove one."),
                             this);
    title->setWordWrap(true);
    layout->addWidget(title);

    auto *filters = new QHBoxLayout;
    m_person = new QComboBox(this);
    m_person->setObjectName(QStringLiteral("auditPerson"));
    m_person->addItem(tr("Anyone"), qint64(0));
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("auditKind"));
    m_kind->addItem(tr("Everything"), QString());
    m_kind->addItem(tr("Sign-ins"), QStringLiteral("signin"));
    m_kind->addItem(tr("Chats"), QStringLiteral("conversation."));
    m_kind->addItem(tr("People and roles"), QStringLiteral("operator."));
    m_kind->addItem(tr("Customers' data"), QStringLiteral("customer."));
    m_kind->addItem(tr("Settings"), QStringLiteral("settings."));
    m_text = new QLineEdit(this);
    m_text->setObjectName(QStringLiteral("auditText"));
    m_text->setPlaceholderText(tr("Words in the details…"));
    m_text->setClearButtonEnabled(true);
    m_from = new QDateEdit(QDate::currentDate().addDays(-30), this);
    m_from->setCalendarPopup(true);
    m_to = new QDateEdit(QDate::currentDate(), this);
    m_to->setCalendarPopup(true);
    filters->addWidget(new QLabel(tr("Who"), this));
    filters->addWidget(m_person);
    filters->addWidget(new QLabel(tr("What"), this));
    filters->addWidget(m_kind);
    filters->addWidget(m_text, 1);
    filters->addWidget(new QLabel(tr("From"), this));
    filters->addWidget(m_from);
    filters->addWidget(new QLabel(tr("to"), this));
    filters->addWidget(m_to);
    layout->addLayout(filters);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(AuditLogModel::When, 150);
    m_table->setColumnWidth(AuditLogModel::Who, 140);
    m_table->setColumnWidth(AuditLogModel::What, 220);
    layout->addWidget(m_table, 1);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("auditStatus"));
    layout->addWidget(m_status);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(250);
    connect(&m_debounce, &QTimer::timeout, this, &AuditLogPane::reload);
    const auto later = [this] {
        m_debounce.start();
    };
    connect(m_person, &QComboBox::currentIndexChanged, this, later);
    connect(m_kind, &QComboBox::currentIndexChanged, this, later);
    connect(m_text, &QLineEdit::textChanged, this, later);
    connect(m_from, &QDateEdit::dateChanged, this, later);
    connect(m_to, &QDateEdit::dateChanged, this, later);
    connect(m_model, &AuditLogModel::loaded, this, [this](int count) {
        m_status->setText(count == 0 ? tr("Nothing matches these filters.")
                                     : tr("%n line(s), newest first.", nullptr, count));
    });
    connect(m_model, &AuditLogModel::loadFailed, m_status, &QLabel::setText);
}

void AuditLogPane::setContext(qint64 tenantId, const Operator &signedIn)
{
    const bool newStore = tenantId != m_tenantId;
    m_tenantId = tenantId;
    m_actor = signedIn;
    if (newStore)
        loadPeople();
    if (signedIn.id <= 0)
        m_model->clear();
    else if (isVisible())
        reload();
}

void AuditLogPane::loadPeople()
{
    m_operators.operators(m_tenantId, this, [this](Result<QList<Operator>> r) {
        m_person->blockSignals(true);
        while (m_person->count() > 1)
            m_person->removeItem(1);
        for (const Operator &op : r ? r.value() : QList<Operator>{})
            m_person->addItem(op.name, op.id);
        m_person->blockSignals(false);
    });
}

void AuditLogPane::reload()
{
    if (m_tenantId <= 0 || m_actor.id <= 0)
        return;
    AuditFilter filter;
    filter.operatorId = m_person->currentData().toLongLong();
    filter.actionPrefix = m_kind->currentData().toString();
    filter.text = m_text->text().trimmed();
    filter.from = m_from->date().startOfDay();
    filter.to = m_to->date().addDays(1).startOfDay();
    filter.limit = 2000;
    m_status->setText(tr("Reading…"));
    m_model->load(m_tenantId, m_actor.id, filter);
}

void AuditLogPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reload();
}

} // namespace shopdesk
