"""Pages of regional needs: internal pages for admins and leadership, public forms without login."""
