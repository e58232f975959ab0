"""Pages of the topics module: the coordinator's list of topics and its form."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from moderators.auth.access import roles_required
from moderators.auth.models import COORDINATOR
from moderators.extensions import db
from moderators.topics import services
from moderators.topics.forms import TopicForm
from moderators.topics.models import Topic

bp = Blueprint("topics", __name__)


@bp.route("/topics")
@roles_required(COORDINATOR)
def index():
    topics = db.session.scalars(select(Topic).order_by(Topic.position, Topic.name_de)).all()
    return render_template("topics/index.html", topics=topics)


@bp.route("/topics/new", methods=["GET", "POST"])
@roles_required(COORDINATOR)
def new():
    form = TopicForm()
    if form.validate_on_submit():
        try:
            services.create_topic(**form.topic_fields())
        except services.TopicError as error:
            _field_error(form, error)
        else:
            flash(_("Das Thema ist angelegt."), "success")
            return redirect(url_for("topics.index"))
    return render_template("topics/form.html", form=form, topic=None)


@bp.route("/topics/<int:topic_id>/edit", methods=["GET", "POST"])
@roles_required(COORDINATOR)
def edit(topic_id):
    topic = db.get_or_404(Topic, topic_id)
    form = TopicForm(obj=topic)
    if form.validate_on_submit():
        try:
            services.update_topic(topic, **form.topic_fields())
        except services.TopicError as error:
            _field_error(form, error)
        else:
            flash(_("Die Änderungen sind gespeichert."), "success")
            return redirect(url_for("topics.index"))
    return render_template("topics/form.html", form=form, topic=topic)


def _field_error(form, error: services.TopicError) -> None:
    """Show a rule the service enforced next to the field it is about."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors.append(str(error))
    else:
        form.form_errors.append(str(error))
